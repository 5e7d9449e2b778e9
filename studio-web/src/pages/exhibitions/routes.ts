/** The exhibitions pages' addresses, parsed by app/router.tsx; the pages themselves load in their own chunk (ExhibitionPages). */
export type ExhibitionRoute =
  | { page: 'exhibitions' }
  | { page: 'exhibition'; id: string }
  | { page: 'exhibitionsManage' }
  /** `id` null: a new exhibition. */
  | { page: 'exhibitionEdit'; id: string | null }
  | { page: 'kiosk'; id: string }
  /** The walk-through 3D room of an exhibition on view (its own chunk, with three.js). */
  | { page: 'garden'; id: string }
  /** The token is in the URL fragment (`/memento#…`), which no server sees. */
  | { page: 'memento' }
  | { page: 'openCalls' }
  | { page: 'openCall'; id: string }
  | { page: 'openCallJury'; id: string };

const PAGES = new Set<string>(['exhibitions', 'exhibition', 'exhibitionsManage', 'exhibitionEdit', 'kiosk', 'garden', 'memento', 'openCalls', 'openCall', 'openCallJury']);

export function parseExhibitionRoute(path: string): ExhibitionRoute | null {
  if (path === '/exhibitions') return { page: 'exhibitions' };
  if (path === '/exhibitions/manage') return { page: 'exhibitionsManage' };
  if (path === '/exhibitions/manage/new') return { page: 'exhibitionEdit', id: null };
  if (path === '/memento') return { page: 'memento' };
  if (path === '/open-calls') return { page: 'openCalls' };
  const jury = /^\/open-calls\/([^/]+)\/jury$/.exec(path);
  if (jury) return { page: 'openCallJury', id: decodeURIComponent(jury[1]!) };
  const openCall = /^\/open-calls\/([^/]+)$/.exec(path);
  if (openCall) return { page: 'openCall', id: decodeURIComponent(openCall[1]!) };
  const edit = /^\/exhibitions\/manage\/([^/]+)$/.exec(path);
  if (edit) return { page: 'exhibitionEdit', id: decodeURIComponent(edit[1]!) };
  // One pattern for an exhibition and its garden: this file is in the entry chunk, so every byte counts.
  const one = /^\/exhibitions\/([^/]+)(\/garden)?$/.exec(path);
  if (one) return { page: one[2] ? 'garden' : 'exhibition', id: decodeURIComponent(one[1]!) };
  const kiosk = /^\/kiosk\/([^/]+)$/.exec(path);
  if (kiosk) return { page: 'kiosk', id: decodeURIComponent(kiosk[1]!) };
  return null;
}

export const isExhibitionRoute = (route: { page: string }): route is ExhibitionRoute => PAGES.has(route.page);

export const exhibitionPath = (id: string) => `/exhibitions/${encodeURIComponent(id)}`;
export const kioskPath = (id: string) => `/kiosk/${encodeURIComponent(id)}`;
export const editPath = (id: string) => `/exhibitions/manage/${encodeURIComponent(id)}`;
export const openCallPath = (id: string) => `/open-calls/${encodeURIComponent(id)}`;
