/** The exhibitions pages' addresses, parsed by app/router.tsx; the pages themselves load in their own chunk (ExhibitionPages). */
export type ExhibitionRoute = { page: 'exhibitions' };

export function parseExhibitionRoute(path: string): ExhibitionRoute | null {
  if (path === '/exhibitions') return { page: 'exhibitions' };
  return null;
}

export const isExhibitionRoute = (route: { page: string }): route is ExhibitionRoute => route.page === 'exhibitions';
