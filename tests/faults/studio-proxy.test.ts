/**
 * Issue 10 item 10, the studio proxy in front of a failing API: an API's 503 reaches the browser at once (no retry
 * loop), an API that is down is a 503 in the one error shape that names no internal address, one that accepted and
 * froze is a 504 within the bound (uploads included), `Expect: 100-continue` and odd content types get a 4xx, never a
 * 500. The real studio server (studio-web/server.ts) in front of stand-in upstreams; the APIs' own multipart readers
 * in process.
 */
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildStudioServer } from '../../studio-web/server';
import { testApi } from '@atelier/inference-service/testing/app';
import { startTestGallery } from '@atelier/gallery-api/testing/test-gallery';
import { printFigures, since, tally } from './support/figures';

const TIMEOUT_MS = 1_500;
let answering503: Server;
let frozen: ReturnType<typeof createTcpServer>;
const frozenSockets: Socket[] = [];
let upstreamHits = 0;
let studio: FastifyInstance;
let base: string;
let downPort: number;
let frozenUrl: string;

const portOf = (s: { address(): unknown }) => (s.address() as AddressInfo).port;

beforeAll(async () => {
  // Like inference-service with Redis down: every request 503.
  answering503 = createHttpServer((req, res) => {
    upstreamHits++;
    req.resume();
    req.on('end', () => res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"queue_unavailable","message":"Remixing is unavailable right now; try again shortly."}}'));
  });
  await new Promise<void>((ok) => answering503.listen(0, '127.0.0.1', ok));
  // A process that accepts connections and never answers (stopped, or stuck).
  frozen = createTcpServer((socket) => {
    frozenSockets.push(socket);
    socket.on('error', () => undefined);
    socket.resume();
  });
  await new Promise<void>((ok) => frozen.listen(0, '127.0.0.1', ok));
  frozenUrl = `http://127.0.0.1:${portOf(frozen)}`;
  // A port nothing listens on: a server that is down.
  const probe = createTcpServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  downPort = portOf(probe);
  await new Promise<void>((ok) => probe.close(() => ok()));
  studio = await buildStudioServer({
    distDir: '/nonexistent',
    galleryUrl: `http://127.0.0.1:${downPort}`,
    inferenceUrl: `http://127.0.0.1:${portOf(answering503)}`,
    upstreamTimeoutMs: TIMEOUT_MS,
    logStream: { write: () => undefined },
  });
  await studio.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${portOf(studio.server)}`;
});

afterAll(async () => {
  await studio?.close();
  answering503?.close();
  for (const s of frozenSockets) s.destroy();
  frozen?.close();
});

/**
 * A browser-like upload: resolves once the whole body was sent and the whole answer read (a browser that is still
 * sending shows nothing of the answer).
 */
function rawUpload(url: string, bytes: number): Promise<{ status: number; body: string; closedMs: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(bytes) } });
    let sent = false;
    let answer: { status: number; body: string } | undefined;
    const done = () => sent && answer && resolve({ ...answer, closedMs: since(t) });
    req.on('error', reject);
    req.on('finish', () => ((sent = true), done()));
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => ((answer = { status: res.statusCode ?? 0, body }), done()));
    });
    req.end(Buffer.alloc(bytes));
  });
}

const internal = (text: string) => /127\.0\.0\.1|localhost|ECONNREFUSED|:\d{4,5}\b/.test(text);

describe('the studio proxy when an API fails', () => {
  it("passes an API's 503 through at once, asking it once", async () => {
    upstreamHits = 0;
    const t = performance.now();
    const res = await fetch(`${base}/api/inference/health`);
    const ms = since(t);
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('queue_unavailable');
    expect(upstreamHits).toBe(1);
    expect(ms).toBeLessThan(1_000);
    printFigures('studio proxy: an API answering 503 (Redis down)', {
      injected: 'inference-service answers every request 503',
      clientsSaw: [`GET /api/inference/health → 503 queue_unavailable after ${ms} ms, the API asked ${upstreamHits} time (reply-from used to retry 10 times)`],
    });
  });

  it('answers a down API with 503 in the one error shape, naming no internal address; uploads too, at once', async () => {
    const t = performance.now();
    const get = await fetch(`${base}/api/gallery/works`);
    const getMs = since(t);
    const text = await get.text();
    expect(get.status).toBe(503);
    expect(get.headers.get('retry-after')).toBe('5');
    expect(JSON.parse(text)).toEqual({ error: { code: 'upstream_unavailable', message: expect.stringMatching(/^The gallery is not answering/) } });
    expect(internal(text)).toBe(false);
    const upload = await rawUpload(`${base}/api/gallery/creations`, 8 * 1024 * 1024);
    expect(upload.status).toBe(503);
    expect(internal(upload.body)).toBe(false);
    // The whole exchange ends: the answer, and the connection, not only the first bytes of the answer.
    expect(upload.closedMs).toBeLessThan(5_000);
    const uploadMs = upload.closedMs;
    printFigures('studio proxy: an API that is down', {
      injected: 'gallery-api not listening (connection refused)',
      clientsSaw: [`GET → 503 upstream_unavailable in ${getMs} ms`, `8 MB upload → 503 upstream_unavailable in ${uploadMs} ms`, 'no internal address in any answer'],
    });
  });

  it('answers an API that accepted and froze with 504 once the bound has passed, an upload too', async () => {
    const frozenStudio = await buildStudioServer({
      distDir: '/nonexistent',
      galleryUrl: frozenUrl,
      inferenceUrl: frozenUrl,
      upstreamTimeoutMs: TIMEOUT_MS,
      logStream: { write: () => undefined },
    });
    await frozenStudio.listen({ port: 0, host: '127.0.0.1' });
    try {
      const at = `http://127.0.0.1:${portOf(frozenStudio.server)}`;
      const t = performance.now();
      const [get, upload] = await Promise.all([
        fetch(`${at}/api/inference/remixes/x`),
        fetch(`${at}/api/inference/remixes`, { method: 'POST', body: new Uint8Array(2 * 1024 * 1024), headers: { 'content-type': 'multipart/form-data; boundary=x' } }),
      ]);
      const ms = since(t);
      for (const res of [get, upload]) {
        expect(res.status).toBe(504);
        const body = await res.json();
        expect(body.error.code).toBe('upstream_timeout');
        expect(internal(JSON.stringify(body))).toBe(false);
      }
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(TIMEOUT_MS + 5_000);
      printFigures('studio proxy: an API that accepts and never answers', {
        injected: `upstream accepts TCP and never answers; STUDIO_UPSTREAM_TIMEOUT_S = ${TIMEOUT_MS / 1000}`,
        clientsSaw: [`GET and a 2 MB upload → 504 upstream_timeout after ${ms} ms (was: an upload hung 30 s)`],
      });
    } finally {
      await frozenStudio.close();
    }
  });

  it('sends a request with Expect: 100-continue on to the API instead of failing it with 500', async () => {
    upstreamHits = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/api/inference/remixes`, {
        method: 'POST',
        headers: { expect: '100-continue', 'content-type': 'application/json', 'content-length': '2' },
      });
      req.on('continue', () => req.end('{}'));
      req.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0)));
      req.on('error', reject);
    });
    expect(status).toBe(503); // the stand-in API's own answer: the request reached it
    expect(upstreamHits).toBe(1);
  });

  it('answers odd content types with a 4xx in the one error shape, at the proxy and at both APIs', async () => {
    const seen: number[] = [];
    for (const type of ['application/json, text/plain', '/', 'image/', 'a'.repeat(2000)]) {
      const res = await fetch(`${base}/api/inference/remixes`, { method: 'POST', body: '{}', headers: { 'content-type': type } });
      seen.push(res.status);
      expect(res.status).toBe(415);
      expect((await res.json()).error.code).toBe('unsupported_media_type');
    }
    const api = await testApi();
    const gallery = await startTestGallery();
    try {
      for (const [app, url, headers] of [
        [api.app, '/api/inference/remixes', api.visitor.headers],
        [gallery.app, '/api/gallery/creations', gallery.visitor.headers],
      ] as const)
        for (const type of ['multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=x', 'text/plain', 'application/octet-stream']) {
          const res = await app.inject({ method: 'POST', url, payload: '{"a":1}', headers: { ...headers, 'content-type': type } });
          seen.push(res.statusCode);
          expect(res.statusCode, `${url} ${type}`).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, `${url} ${type}`).toBeLessThan(500);
          expect(res.json().error.code).toMatch(/^(malformed_form|unsupported_media_type)$/);
        }
    } finally {
      await gallery.close();
    }
    printFigures('studio proxy and APIs: odd content types and Expect: 100-continue', {
      injected: 'unparsable Content-Type values, multipart without or with a wrong boundary, Expect: 100-continue',
      clientsSaw: [`statuses ${tally(seen)} (was: 500 for multipart without a boundary and for Expect)`],
    });
  });
});
