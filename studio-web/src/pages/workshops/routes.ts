/** The workshops pages' addresses, parsed by app/router.tsx; the pages themselves load in their own chunk (WorkshopPages). */
export type WorkshopRoute =
  | { page: 'workshops' }
  | { page: 'workshop'; id: string }
  | { page: 'workshopProjector'; id: string }
  | { page: 'workshopWork'; id: string; submissionId: string }
  | { page: 'join'; code?: string }
  | { page: 'pupil' }
  | { page: 'takeHome'; token: string };

const PAGES = new Set(['workshops', 'workshop', 'workshopProjector', 'workshopWork', 'join', 'pupil', 'takeHome']);

export function parseWorkshopRoute(path: string): WorkshopRoute | null {
  if (path === '/workshops') return { page: 'workshops' };
  if (path === '/workshop') return { page: 'pupil' };
  if (path === '/join') return { page: 'join' };
  const join = /^\/join\/([A-Za-z0-9-]{1,20})$/.exec(path);
  if (join) return { page: 'join', code: join[1]! };
  const home = /^\/take-home\/([0-9a-f]{32})$/.exec(path);
  if (home) return { page: 'takeHome', token: home[1]! };
  const m = /^\/workshops\/([0-9a-f-]{36})(?:\/(projector)|\/work\/([0-9a-f-]{36}))?$/.exec(path);
  if (!m) return null;
  if (m[2]) return { page: 'workshopProjector', id: m[1]! };
  if (m[3]) return { page: 'workshopWork', id: m[1]!, submissionId: m[3] };
  return { page: 'workshop', id: m[1]! };
}

export const isWorkshopRoute = (route: { page: string }): route is WorkshopRoute => PAGES.has(route.page);
