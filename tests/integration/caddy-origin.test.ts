import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CADDY, freePort, startCaddy, type CaddyOrigin } from '../support/caddy';

// Issue 16 item 5: in production (docker-compose `proxy`) the APIs are routed by Caddy straight from the public
// origin, with the studio proxy's rules (studio-web/server.ts): checked here on the real Caddyfile and Caddy binary.
// .ci/run installs Debian's caddy.
const hasCaddy = existsSync(CADDY);

async function stub(name: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.get('/*', async (req) => ({ name, url: req.url, headers: req.headers }));
  app.post('/*', async (req) => ({ name, url: req.url, headers: req.headers }));
  // Two events a second apart: the first must arrive before the stream ends.
  app.get('/api/inference/remixes/r1/events', (_req, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    reply.raw.write('event: queued\ndata: {}\n\n');
    setTimeout(() => reply.raw.end('event: completed\ndata: {}\n\n'), 1000);
  });
  app.get('/api/gallery/slow', async () => new Promise((resolve) => setTimeout(() => resolve({ late: true }), 3000)));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}
const hostOf = (app: FastifyInstance) => `127.0.0.1:${(app.server.address() as { port: number }).port}`;

describe.runIf(hasCaddy)('the production origin (studio-web/Caddyfile)', () => {
  let gallery: FastifyInstance, inference: FastifyInstance, studio: FastifyInstance, caddy: CaddyOrigin, down: CaddyOrigin;
  beforeAll(async () => {
    [gallery, inference, studio] = await Promise.all([stub('gallery'), stub('inference'), stub('studio')]);
    const upstreams = { gallery: hostOf(gallery), inference: hostOf(inference), studio: hostOf(studio) };
    // No TLS terminator in front is believed here (a TEST-NET address), so this test's client is a visitor.
    caddy = await startCaddy(upstreams, { STUDIO_UPSTREAM_TIMEOUT_S: '1', STUDIO_TRUST_PROXY: '192.0.2.1/32' });
    // An inference-service that is not there (nothing listens on the port).
    down = await startCaddy({ ...upstreams, inference: `127.0.0.1:${await freePort()}` });
  }, 40_000);
  afterAll(async () => {
    await Promise.all([caddy?.stop(), down?.stop()]);
    await Promise.all([gallery?.close(), inference?.close(), studio?.close()]);
  });

  it('routes each API by its prefix and everything else to the studio pages, paths unchanged', async () => {
    expect(await (await fetch(`${caddy.url}/api/gallery/works?q=zee`)).json()).toMatchObject({ name: 'gallery', url: '/api/gallery/works?q=zee' });
    expect(await (await fetch(`${caddy.url}/api/inference/models`)).json()).toMatchObject({ name: 'inference', url: '/api/inference/models' });
    expect(await (await fetch(`${caddy.url}/gallery/abc`)).json()).toMatchObject({ name: 'studio', url: '/gallery/abc' });
    // A look-alike prefix is a page, not the API.
    expect(await (await fetch(`${caddy.url}/api/galleryx`)).json()).toMatchObject({ name: 'studio' });
  });

  it("drops the client's own forwarding headers and says the address it saw", async () => {
    const res = await fetch(`${caddy.url}/api/gallery/echo`, {
      headers: { 'x-forwarded-for': '6.6.6.6', forwarded: 'for=6.6.6.6', 'x-real-ip': '6.6.6.6' },
    });
    const { headers } = (await res.json()) as { headers: Record<string, string> };
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers.forwarded).toBeUndefined();
    expect(headers['x-real-ip']).toBeUndefined();
    expect(headers['x-forwarded-proto']).toBe('http');
  });

  it('streams server-sent events as they come', async () => {
    const t0 = Date.now();
    const res = await fetch(`${caddy.url}/api/inference/remixes/r1/events`);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: queued');
    expect(Date.now() - t0).toBeLessThan(900);
    await reader.cancel();
  });

  it('answers an API that is not there with a 503 in the one error shape, and one too slow with a 504', async () => {
    const res = await fetch(`${down.url}/api/inference/remixes`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect((await res.json()) as unknown).toEqual({ error: { code: 'upstream_unavailable', message: expect.any(String) } });
    const slow = await fetch(`${caddy.url}/api/gallery/slow`);
    expect(slow.status).toBe(504);
    expect(((await slow.json()) as { error: { code: string } }).error.code).toBe('upstream_timeout');
  });
});
