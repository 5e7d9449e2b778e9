import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** CSP directives as helmet takes them: a directive name and its sources. */
export type CspDirectives = Record<string, string[]>;

/**
 * The APIs answer JSON, images and event streams, never a page: nothing in an answer may run, load anything or be
 * framed, even when one is opened on its own in a browser tab.
 */
export const API_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The studio (the built SPA) as it runs: its own scripts and stylesheets only (Vite emits no inline script or
 * style; React and Konva set styles through the DOM, which CSP allows), images from its own origin (the APIs
 * behind the studio proxy), `data:` and `blob:` (Konva exports, the favicon, flattened canvases), and
 * fetch/EventSource to its own origin only. Never framed: a kiosk shows the studio itself.
 */
export const STUDIO_CSP: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Security headers on every answer (routes, 404s and errors alike), as helmet computes them: the given CSP,
 * `X-Frame-Options: DENY` for browsers without frame-ancestors, `nosniff`, `Referrer-Policy: same-origin`, HSTS
 * and helmet's cross-origin isolation defaults.
 *
 * - `same-origin`, not `no-referrer`: under `no-referrer` a browser sends `Origin: null` on same-origin POSTs, and
 *   the staff routes check Origin (origin.ts). Museum pages the studio links to still get no referrer.
 * - HSTS without includeSubDomains: browsers ignore it over plain http (a kiosk on a LAN address), and the studio
 *   does not own the museum's other host names.
 * - No `upgrade-insecure-requests`: every URL the studio loads is relative, and on a plain-http kiosk it would
 *   break them.
 */
export async function installSecurityHeaders(app: FastifyInstance, csp: CspDirectives): Promise<void> {
  const headers = securityHeaders(csp);
  // Computed once: @fastify/helmet built helmet's middleware again on every request (~60 µs of a ~1 ms gallery list
  // answer on 2 cores); the headers never depend on the request.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** The headers helmet sets for these options, read once from its middleware. */
export function securityHeaders(csp: CspDirectives): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  } as unknown as ServerResponse;
  let failed: unknown;
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: csp },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  })({} as IncomingMessage, response, (err?: unknown) => (failed = err));
  if (failed || !headers['content-security-policy']) throw new Error(`helmet set no security headers: ${String(failed ?? 'no CSP')}`);
  return Object.freeze(headers);
}
