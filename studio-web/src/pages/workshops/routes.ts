/** The workshops pages' addresses, parsed by app/router.tsx; the pages themselves load in their own chunk (WorkshopPages). */
export type WorkshopRoute = { page: 'workshops' };

export function parseWorkshopRoute(path: string): WorkshopRoute | null {
  if (path === '/workshops') return { page: 'workshops' };
  return null;
}

export const isWorkshopRoute = (route: { page: string }): route is WorkshopRoute => route.page === 'workshops';
