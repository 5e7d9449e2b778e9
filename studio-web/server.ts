import { installSecurityHeaders, STUDIO_CSP } from '@atelier/common/security-headers';
import { serverLoggerOptions } from '@atelier/common/logger';
import { closeOnSignals } from '@atelier/common/shutdown';
import Fastify, { type FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import fastifyStatic from '@fastify/static';
import httpProxy from '@fastify/http-proxy';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StudioServerOptions {
  distDir: string;
  galleryUrl: string;
  inferenceUrl: string;
  /**
   * A proxy in front of the studio server whose X-Forwarded-For it believes (STUDIO_TRUST_PROXY, e.g. a TLS
   * terminator's address); none by default: the client is whoever opened the socket.
   */
  trustProxy?: string;
  /** Where the log lines go (stdout when unset). */
  logStream?: { write(line: string): void };
}

/** Forwarding headers a client may send; the proxy never passes them on as they came. */
const CLIENT_FORWARDING = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip'];

/**
 * The headers the studio proxy sends upstream: the client's own forwarding headers dropped, and X-Forwarded-For
 * set to the client address as this server saw it (its socket, or its trusted front proxy's), with the protocol and
 * host it was asked on. Both APIs trust only this proxy (TRUST_PROXY), so their per-address limits see each
 * visitor's address, and no client can choose one.
 */
export function forwardedHeaders(request: { ip: string; protocol: string; host: string }, headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = { ...headers };
  for (const name of CLIENT_FORWARDING) delete out[name];
  return { ...out, 'x-forwarded-for': request.ip, 'x-forwarded-proto': request.protocol, 'x-forwarded-host': request.host };
}

/** The built studio plus a same-origin proxy to both APIs; the browser never sees another origin. */
export async function buildStudioServer(opts: StudioServerOptions): Promise<FastifyInstance> {
  // Request lines without the client's address (common's serverLoggerOptions).
  const app = Fastify({
    logger: { ...serverLoggerOptions(), ...(opts.logStream ? { stream: opts.logStream } : {}) },
    trustProxy: opts.trustProxy || false,
  });
  // The SPA's CSP on its pages; proxied API answers keep the API's own (stricter) headers.
  await installSecurityHeaders(app, STUDIO_CSP);

  for (const [prefix, upstream] of [
    ['/api/gallery', opts.galleryUrl],
    ['/api/inference', opts.inferenceUrl],
  ] as const) {
    // rewritePrefix keeps the prefix: the services mount their routes under it.
    // reply-from pipes the upstream body, so server-sent events stream through unbuffered.
    await app.register(httpProxy, {
      upstream,
      prefix,
      rewritePrefix: prefix,
      http2: false,
      replyOptions: { rewriteRequestHeaders: forwardedHeaders },
    });
  }

  if (!existsSync(join(opts.distDir, 'index.html'))) {
    app.log.warn({ distDir: opts.distDir }, 'no built studio found: run `npm run build -w studio-web`');
  }
  await app.register(fastifyStatic, {
    root: opts.distDir,
    index: ['index.html'],
    // Hashed assets never change; index.html must, so a kiosk picks up a new build on reload.
    setHeaders: (reply, path) =>
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });

  // SPA fallback: any unknown GET page is the app; unknown API paths stay real 404s.
  app.setNotFoundHandler((request, reply) => {
    const accept = request.headers.accept ?? '';
    if (request.method === 'GET' && !request.url.startsWith('/api/') && accept.includes('text/html')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.code(404).send({ error: { code: 'not_found', message: `No route for ${request.method} ${request.url}` } });
  });
  return app;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const here = dirname(fileURLToPath(import.meta.url));
  const app = await buildStudioServer({
    distDir: join(here, 'dist'),
    galleryUrl: process.env.GALLERY_URL ?? 'http://127.0.0.1:4000',
    inferenceUrl: process.env.INFERENCE_URL ?? 'http://127.0.0.1:4100',
    ...(process.env.STUDIO_TRUST_PROXY ? { trustProxy: process.env.STUDIO_TRUST_PROXY } : {}),
  });
  closeOnSignals(app.log, () => app.close());

  await app.listen({ host: process.env.STUDIO_HOST ?? '127.0.0.1', port: Number(process.env.STUDIO_PORT ?? 8080) });
}
