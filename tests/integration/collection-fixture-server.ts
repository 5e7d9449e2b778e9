/**
 * A local stand-in for the museums: serves ../shared/collection-fixtures (real API responses and IIIF manifests)
 * on 127.0.0.1, rewrites their image hosts to itself, answers image and IIIF Image API requests with small
 * generated JPEGs (and IIIF info.json with a stated full size), and can inject 429/503 answers so the real HTTP path (retries, pagination) runs.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { REPO_ROOT } from '@atelier/gallery-api/config';

export const FIXTURES = resolve(REPO_ROOT, '../shared/collection-fixtures');

/** Image hosts (and path prefixes) in the fixtures, rewritten to `{base}/img/{host}/…` so no test reaches the internet. */
const IMAGE_HOSTS = [
  'images.metmuseum.org', 'www.artic.edu/iiif', 'openaccess-cdn.clevelandart.org', 'iip.smk.dk', 'api.smk.dk/api/v1/download',
  'media.nga.gov/iiif', 'framemark.vam.ac.uk', 'bibliotecadigital.jcyl.es', 'collections.nmnh.si.edu', 'iiif.micr.io', 'ids.si.edu',
];

export function fixtureText(path: string): string {
  return readFileSync(resolve(FIXTURES, path), 'utf8');
}

export interface LoggedRequest {
  path: string;
  at: number;
  headers: IncomingHttpHeaders;
}

export interface FixtureServer {
  base: string;
  requests: LoggedRequest[];
  /** Answer the next requests whose path starts with `prefix` with these statuses, in order. */
  fail(prefix: string, statuses: number[], headers?: Record<string, string>): void;
  /** JSON (a fixture with hosts rewritten, or any value) at an exact path + query. */
  json(pathAndQuery: string, body: unknown | (() => unknown)): void;
  /** Any text (a CSV, an XML answer) at an exact path + query. */
  text(pathAndQuery: string, body: string, contentType?: string): void;
  /** A fixture file's text with image hosts pointing at this server. */
  localise(text: string): string;
  /** The full size an IIIF service under `/img/…` states in its info.json (default 4000×3000). */
  infoSize(servicePath: string, width: number, height: number): void;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, () => unknown>();
  const texts = new Map<string, { body: string; contentType: string }>();
  const faults: { prefix: string; status: number; headers: Record<string, string> }[] = [];
  const requests: LoggedRequest[] = [];
  const images = new Map<string, Buffer>();
  const infoSizes = new Map<string, { width: number; height: number }>();
  let base = '';

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base);
      requests.push({ path: url.pathname + url.search, at: performance.now(), headers: req.headers });
      const fault = faults.findIndex((f) => url.pathname.startsWith(f.prefix));
      if (fault >= 0) {
        const [f] = faults.splice(fault, 1);
        res.writeHead(f!.status, f!.headers).end('injected');
        return;
      }
      // `/img/{host}/…` (rewritten image hosts) and `…/ids/iiif/…` (a Smithsonian mirror's IDS) are image servers.
      const imageServer = url.pathname.startsWith('/img/') || url.pathname.includes('/ids/iiif/');
      if (imageServer && url.pathname.endsWith('/info.json')) {
        const service = url.pathname.slice(0, -'/info.json'.length);
        const { width, height } = infoSizes.get(service) ?? { width: 4000, height: 3000 };
        const info = { '@context': 'http://iiif.io/api/image/2/context.json', '@id': `${base}${service}`, protocol: 'http://iiif.io/api/image', width, height, profile: ['http://iiif.io/api/image/2/level2.json'] };
        res.writeHead(200, { 'content-type': 'application/ld+json' }).end(JSON.stringify(info));
        return;
      }
      if (imageServer) {
        const size = iiifSize(url.pathname);
        const key = `${size.w}x${size.h}`;
        if (!images.has(key)) images.set(key, await jpeg(size.w, size.h));
        res.writeHead(200, { 'content-type': 'image/jpeg' }).end(images.get(key));
        return;
      }
      const text = texts.get(url.pathname + url.search) ?? texts.get(url.pathname);
      if (text) {
        res.writeHead(200, { 'content-type': text.contentType }).end(text.body);
        return;
      }
      const route = routes.get(url.pathname + url.search) ?? routes.get(url.pathname);
      if (!route) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(route()));
    })().catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const localise = (text: string) =>
    IMAGE_HOSTS.reduce((t, host) => t.replaceAll(`https://${host}/`, `${base}/img/${host}/`).replaceAll(`http://${host}/`, `${base}/img/${host}/`), text);

  return {
    base,
    requests,
    fail: (prefix, statuses, headers = {}) => faults.push(...statuses.map((status) => ({ prefix, status, headers }))),
    json: (path, body) => routes.set(path, typeof body === 'function' ? (body as () => unknown) : () => body),
    text: (path, body, contentType = 'text/csv; charset=utf-8') => texts.set(path, { body, contentType }),
    localise,
    infoSize: (servicePath, width, height) => infoSizes.set(servicePath, { width, height }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The size a IIIF request asks for (`/full/!1024,1024/…`, `/x,y,w,h/!512,512/…`); 640×480 for plain image URLs. */
function iiifSize(path: string): { w: number; h: number } {
  const m = path.match(/\/(full|\d+,\d+,(\d+),(\d+))\/!(\d+),(\d+)\/0\/default\.jpg$/);
  if (!m) return { w: 640, h: 480 };
  const box = Number(m[4]);
  const [rw, rh] = m[2] ? [Number(m[2]), Number(m[3])] : [4, 3];
  const scale = Math.min(1, box / Math.max(rw, rh));
  return m[2] ? { w: Math.max(1, Math.round(rw * scale)), h: Math.max(1, Math.round(rh * scale)) } : { w: 1024, h: 768 };
}

async function jpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 120, b: 60 } } }).jpeg().toBuffer();
}
