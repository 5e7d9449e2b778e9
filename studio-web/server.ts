import { errorBody } from '@atelier/common/errors';
import { installErrorHandler } from '@atelier/common/fastify-errors';
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
  /**
   * How long an API may take to start answering, the visitor's upload included, and the longest silence inside a
   * streamed answer (STUDIO_UPSTREAM_TIMEOUT_S, 60 s); also how long a client may take to send a request. Past it:
   * 504 in the one error shape.
   */
  upstreamTimeoutMs?: number;
  /** Where the log lines go (stdout when unset). */
  logStream?: { write(line: string): void };
}

/** How long the proxy waits for an API's socket to open: a host that does not answer at all is a 503 quickly. */
const CONNECT_TIMEOUT_MS = 3_000;

const SERVICE_NAMES = { '/api/gallery': 'The gallery', '/api/inference': 'The remix service' } as const;

/** Timeouts of reply-from and undici: the API accepted but did not answer in time. */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'FST_REPLY_FROM_GATEWAY_TIMEOUT']);

/**
 * What a visitor gets when an API cannot be reached: the one error shape (never reply-from's own 500 naming the
 * internal address): 504 when it accepted but did not answer in time, 503 with Retry-After otherwise.
 */
export function upstreamFailure(prefix: keyof typeof SERVICE_NAMES, err: { code?: string; statusCode?: number; cause?: unknown }) {
  const name = SERVICE_NAMES[prefix];
  const code = (err.cause as { code?: string } | undefined)?.code ?? err.code ?? '';
  if (TIMEOUT_CODES.has(code) || TIMEOUT_CODES.has(err.code ?? '') || err.statusCode === 504)
    return { status: 504, body: errorBody('upstream_timeout', `${name} took too long to answer; please try again.`) };
  return { status: 503, body: errorBody('upstream_unavailable', `${name} is not answering right now; please try again in a moment.`) };
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
  // `Expect: 100-continue` is between the browser and us (this server already answered 100 Continue); passed on,
  // undici refuses the request (a 500).
  delete out.expect;
  return { ...out, 'x-forwarded-for': request.ip, 'x-forwarded-proto': request.protocol, 'x-forwarded-host': request.host };
}

/** The built studio plus a same-origin proxy to both APIs; the browser never sees another origin. */
export async function buildStudioServer(opts: StudioServerOptions): Promise<FastifyInstance> {
  // Request lines without the client's address (common's serverLoggerOptions).
  const timeoutMs = opts.upstreamTimeoutMs ?? 60_000;
  const app = Fastify({
    logger: { ...serverLoggerOptions(), ...(opts.logStream ? { stream: opts.logStream } : {}) },
    trustProxy: opts.trustProxy || false,
    // A client must have sent its whole request (an upload) within this; then the socket is closed.
    requestTimeout: timeoutMs,
  });
  // The SPA's CSP on its pages; proxied API answers keep the API's own (stricter) headers.
  await installSecurityHeaders(app, STUDIO_CSP);
  // This server's own refusals (an unreadable Content-Type, say) in the one error shape; the SPA fallback stays.
  installErrorHandler(app, undefined, { notFound: false });

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
      undici: { connectTimeout: CONNECT_TIMEOUT_MS, headersTimeout: timeoutMs, bodyTimeout: timeoutMs },
      replyOptions: {
        rewriteRequestHeaders: forwardedHeaders,
        // Never retry: an API's 503 (Redis down, database restarting) goes to the browser at once. reply-from retries
        // a GET that got 503 ten times by default (its `maxRetriesOn503: 0` reads as 10), and the studio hung meanwhile.
        retryDelay: () => null,
        onError: (reply, { error }) => {
          const { status, body } = upstreamFailure(prefix, error as { code?: string; statusCode?: number; cause?: unknown });
          if (status === 503) reply.header('retry-after', '5');
          // An upload the API never read stays paused: the browser would wait until its request timed out before it
          // saw this answer. The rest is read and discarded (closing the socket instead would cut the browser off
          // mid-upload, and it would see a network error rather than this answer); requestTimeout bounds it.
          const raw = reply.request.raw;
          if (!raw.complete) raw.resume();
          return reply.code(status).send(body);
        },
      },
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
    return reply.code(404).send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });
  return app;
}

function seconds(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a number of seconds > 0, got "${value}"`);
  return n;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const here = dirname(fileURLToPath(import.meta.url));
  const app = await buildStudioServer({
    distDir: join(here, 'dist'),
    galleryUrl: process.env.GALLERY_URL ?? 'http://127.0.0.1:4000',
    inferenceUrl: process.env.INFERENCE_URL ?? 'http://127.0.0.1:4100',
    ...(process.env.STUDIO_TRUST_PROXY ? { trustProxy: process.env.STUDIO_TRUST_PROXY } : {}),
    upstreamTimeoutMs: seconds(process.env.STUDIO_UPSTREAM_TIMEOUT_S, 60, 'STUDIO_UPSTREAM_TIMEOUT_S') * 1000,
  });
  closeOnSignals(app.log, () => app.close());

  await app.listen({ host: process.env.STUDIO_HOST ?? '127.0.0.1', port: Number(process.env.STUDIO_PORT ?? 8080) });
}
