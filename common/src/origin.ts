import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors';

/** The studio's port on this machine when no public URL is configured (studio-web/server.ts's default). */
const DEFAULT_STUDIO_PORT = '8080';

/** `scheme://host[:port]` of a URL, lowercased, default ports dropped; a setting that is not a URL stops the start. */
export function originOf(url: string, setting: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error(`${setting} must be URLs like https://atelier.museum.example, got "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`${setting} must be http(s) URLs, got "${url}"`);
  return parsed.origin;
}

/**
 * The origins a browser may send the studio's state-changing requests from: `ATELIER_PUBLIC_URL`'s origin and
 * each of `ATELIER_ALLOWED_ORIGINS` (comma-separated, for a second name such as a kiosk's LAN address). With no
 * public URL, the studio on this machine: `http://127.0.0.1:<STUDIO_PORT>` and `http://localhost:<STUDIO_PORT>`.
 */
export function publicOrigins(env: NodeJS.ProcessEnv): string[] {
  const origins = new Set<string>();
  const publicUrl = env.ATELIER_PUBLIC_URL?.trim();
  if (publicUrl) origins.add(originOf(publicUrl, 'ATELIER_PUBLIC_URL'));
  else {
    const port = env.STUDIO_PORT?.trim() || DEFAULT_STUDIO_PORT;
    origins.add(originOf(`http://127.0.0.1:${port}`, 'STUDIO_PORT'));
    origins.add(originOf(`http://localhost:${port}`, 'STUDIO_PORT'));
  }
  for (const extra of (env.ATELIER_ALLOWED_ORIGINS ?? '').split(',').filter((s) => s.trim()))
    origins.add(originOf(extra, 'ATELIER_ALLOWED_ORIGINS'));
  return [...origins];
}

/**
 * The base of every absolute URL the studio publishes (JSON-LD, IIIF, QR codes): `ATELIER_PUBLIC_URL`, else the studio
 * on this machine (`http://127.0.0.1:<STUDIO_PORT>`). Never a request's Host or forwarded header, which a client or a
 * proxy chooses.
 */
export function publicBaseUrl(env: NodeJS.ProcessEnv): string {
  const publicUrl = env.ATELIER_PUBLIC_URL?.trim();
  if (publicUrl) {
    originOf(publicUrl, 'ATELIER_PUBLIC_URL');
    return publicUrl.replace(/\/+$/, '');
  }
  return `http://127.0.0.1:${env.STUDIO_PORT?.trim() || DEFAULT_STUDIO_PORT}`;
}

/** Whether the studio's public URL is https: then its cookies are `Secure`. */
export const isHttpsUrl = (url: string | null | undefined): boolean => !!url && /^https:/i.test(url.trim());

/**
 * A CSRF check for state-changing requests, besides SameSite cookies: the browser's `Origin` must be one of
 * `allowed`. A request without one (a browser always sends it on a POST; `Referrer-Policy: same-origin` keeps it
 * from being `null`) or from anywhere else is answered 403 `origin_not_allowed` before its body is read.
 * Use as an `onRequest` hook.
 */
export function originCheck(allowed: readonly string[]): (request: FastifyRequest) => Promise<void> {
  const origins = new Set(allowed);
  return async (request) => {
    const origin = request.headers.origin;
    if (!origin)
      throw new HttpError(403, 'origin_not_allowed', 'This request needs an Origin header: send it from the studio’s own pages.');
    if (!origins.has(origin.toLowerCase()))
      throw new HttpError(403, 'origin_not_allowed', 'This request came from another site; send it from the studio’s own pages.');
  };
}
