import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { parseExhibitionRoute, type ExhibitionRoute } from '../pages/exhibitions/routes';
import { parseWorkshopRoute, type WorkshopRoute } from '../pages/workshops/routes';

/** History-API routing: the handful of pages here do not need a router dependency. */
export type Route =
  | { page: 'studio' }
  | { page: 'gallery' }
  | { page: 'creation'; id: string }
  | { page: 'work'; id: string }
  | { page: 'colouring'; id: string }
  | { page: 'moderation' }
  | { page: 'mine' }
  | { page: 'resume' }
  | { page: 'verify' }
  | { page: 'staff' }
  | WorkshopRoute
  | ExhibitionRoute
  | { page: 'notFound' };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'studio' };
  if (path === '/gallery') return { page: 'gallery' };
  if (path === '/moderation') return { page: 'moderation' };
  if (path === '/mine') return { page: 'mine' };
  if (path === '/resume') return { page: 'resume' };
  if (path === '/verify') return { page: 'verify' };
  if (path === '/staff') return { page: 'staff' };
  const zone = parseWorkshopRoute(path) ?? parseExhibitionRoute(path);
  if (zone) return zone;
  const colouring = /^\/works\/([^/]+)\/colouring$/.exec(path);
  if (colouring) return { page: 'colouring', id: decodeURIComponent(colouring[1]!) };
  const m = /^\/(gallery|works)\/([^/]+)$/.exec(path);
  if (m) return { page: m[1] === 'gallery' ? 'creation' : 'work', id: decodeURIComponent(m[2]!) };
  return { page: 'notFound' };
}

const NAV_EVENT = 'atelier:navigate';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(NAV_EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(NAV_EVENT, cb);
  };
}

export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAV_EVENT));
  window.scrollTo?.(0, 0);
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** `?page=N` of the current URL (1 when absent or not a page number): list pages are links, so Back works. */
export function usePageParam(): number {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  const n = Number(new URLSearchParams(search).get('page'));
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    // Let the browser handle new tabs, downloads and modified clicks.
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
