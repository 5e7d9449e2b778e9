/**
 * Issue #10 item 2, client addresses: the studio proxy sets X-Forwarded-For from its own socket (a client's own
 * forwarding headers are dropped), both APIs believe only that proxy (TRUST_PROXY, loopback by default), so one
 * client can neither dodge its per-address limit nor use up another's: staff login stays open to everyone else.
 * The default limits let a school class of 30 behind one NAT remix and publish, while one session is bounded.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig as loadGalleryConfig } from '@atelier/gallery-api/config';
import { pngOf, publishForm, publishMeta, startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';
import { loadConfig as loadInferenceConfig } from '@atelier/inference-service/config';
import { testApi } from '@atelier/inference-service/testing/app';
import { multipartBody } from '@atelier/inference-service/testing/fixtures';
import { buildStudioServer } from '../../studio-web/server';
import { canvas } from '../integration/inference-queue.harness';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP request from a chosen loopback address (127.0.0.2, 127.0.0.3 …): another client, as seen by a socket. */
function send(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string; from: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers, localAddress: opts.from }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const listen = async (app: FastifyInstance) => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
};

describe('the studio proxy sets the client address from its socket', () => {
  let upstream: FastifyInstance;
  let studio: FastifyInstance;
  let studioUrl: string;
  beforeAll(async () => {
    // An API stand-in that answers the headers it received.
    upstream = Fastify();
    upstream.all('/api/gallery/*', async (req) => req.headers);
    const upstreamUrl = await listen(upstream);
    studio = await buildStudioServer({ distDir: '/nonexistent', galleryUrl: upstreamUrl, inferenceUrl: upstreamUrl });
    studioUrl = await listen(studio);
  });
  afterAll(async () => {
    await studio?.close();
    await upstream?.close();
  });

  it("replaces the client's X-Forwarded-For, Forwarded and X-Real-IP with the address it sees", async () => {
    const res = await send(`${studioUrl}/api/gallery/echo`, {
      from: '127.0.0.2',
      headers: { 'x-forwarded-for': '203.0.113.66', forwarded: 'for=203.0.113.66', 'x-real-ip': '203.0.113.66', 'x-forwarded-host': 'evil.example' },
    });
    const seen = JSON.parse(res.body) as Record<string, string>;
    expect(seen['x-forwarded-for']).toBe('127.0.0.2');
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(seen['x-forwarded-host']).toBe(new URL(studioUrl).host);
    expect(seen).not.toHaveProperty('forwarded');
    expect(seen).not.toHaveProperty('x-real-ip');
  });

  it('believes a front proxy only when told to (STUDIO_TRUST_PROXY)', async () => {
    const behindTls = await buildStudioServer({ distDir: '/nonexistent', galleryUrl: `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}`, inferenceUrl: 'http://127.0.0.1:9', trustProxy: '127.0.0.4' });
    const url = await listen(behindTls);
    try {
      const viaFront = JSON.parse((await send(`${url}/api/gallery/echo`, { from: '127.0.0.4', headers: { 'x-forwarded-for': '198.51.100.23' } })).body);
      expect(viaFront['x-forwarded-for']).toBe('198.51.100.23');
      const direct = JSON.parse((await send(`${url}/api/gallery/echo`, { from: '127.0.0.5', headers: { 'x-forwarded-for': '198.51.100.23' } })).body);
      expect(direct['x-forwarded-for']).toBe('127.0.0.5');
    } finally {
      await behindTls.close();
    }
  });
});

describe('the APIs believe only the studio proxy', () => {
  it('trust loopback by default: X-Forwarded-For from any other peer is ignored', async () => {
    expect(loadGalleryConfig({}).trustProxy).toBe('loopback');
    expect(loadInferenceConfig({}).trustProxy).toBe('loopback');
    const g = await startTestGallery({ trustProxy: loadGalleryConfig({}).trustProxy, limits: { loginPerAddress: 3 } });
    try {
      const login = (remoteAddress: string, forwardedFor: string) =>
        g.app.inject({
          method: 'POST',
          url: '/api/gallery/auth/login',
          payload: { username: `nobody-${randomUUID()}`, password: 'wrong password!!' },
          headers: { origin: g.origin, 'x-forwarded-for': forwardedFor },
          remoteAddress,
        });
      // A peer that is not the proxy: each forged address is ignored, its own is counted.
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await login('203.0.113.9', `10.0.0.${i}`)).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      // The proxy (loopback) speaks for its clients: each client has its own budget.
      expect((await login('127.0.0.1', '198.51.100.1')).statusCode).toBe(401);
      expect((await login('127.0.0.1', '198.51.100.2')).statusCode).toBe(401);
    } finally {
      await g.close();
    }
  });

  it('through the real chain, a client forging addresses cannot lock staff out of login', async () => {
    const g = await startTestGallery({ trustProxy: loadGalleryConfig({}).trustProxy, limits: { loginPerAddress: 5 } });
    await g.addStaff('mod.ida', 'correct horse battery');
    const galleryUrl = await listen(g.app);
    const studio = await buildStudioServer({ distDir: '/nonexistent', galleryUrl, inferenceUrl: 'http://127.0.0.1:9' });
    const studioUrl = await listen(studio);
    const login = (from: string, username: string, password: string, forged?: string) =>
      send(`${studioUrl}/api/gallery/auth/login`, {
        method: 'POST',
        from,
        headers: { 'content-type': 'application/json', origin: g.origin, ...(forged ? { 'x-forwarded-for': forged } : {}) },
        body: JSON.stringify({ username, password }),
      });
    try {
      const attacker: number[] = [];
      for (let i = 0; i < 8; i++) attacker.push((await login('127.0.0.2', `guess-${i}`, 'wrong password!!', `203.0.113.${i}`)).status);
      console.log(`login through the proxy, one client forging X-Forwarded-For: ${attacker.join(' ')}`);
      expect(attacker.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(attacker.slice(5)).toEqual([429, 429, 429]);
      // A moderator at another address logs in at once.
      expect((await login('127.0.0.3', 'mod.ida', 'correct horse battery')).status).toBe(200);
    } finally {
      await studio.close();
      await g.close();
    }
  });
});

describe('budgets a school class of 30 behind one NAT can live with', () => {
  const NAT = '198.51.100.30';
  let g: TestGallery;
  beforeAll(async () => {
    g = await startTestGallery({ limits: loadGalleryConfig({}).limits });
    await g.addWork('w1', 'cc0');
  });
  afterAll(async () => g?.close());

  it('30 visitors each remix twice and publish once from one address; one visitor is bounded', async () => {
    const config = loadInferenceConfig({});
    const limits = { perSessionPerMinute: config.remixSessionRateLimitPerMinute, perAddressPerMinute: config.remixRateLimitPerMinute };
    const api = await testApi({ works: { w1: 'ok', w2: 'ok' }, remixRateLimits: limits });
    const png = await canvas;
    const remix = (cookie: string) => {
      const { payload, headers } = multipartBody([
        { name: 'meta', data: JSON.stringify({ requestId: randomUUID(), model: 'magenta-arbitrary-style', params: { styleWorkId: 'w2', strength: 0.5 }, workIds: ['w1'] }) },
        { name: 'canvas', filename: 'c.png', contentType: 'image/png', data: png },
      ]);
      return api.app.inject({ method: 'POST', url: '/api/inference/remixes', payload, headers: { ...headers, cookie }, remoteAddress: NAT });
    };
    try {
      const pupils = Array.from({ length: 30 }, () => api.newVisitor());
      const remixes: number[] = [];
      for (let round = 0; round < 2; round++) for (const p of pupils) remixes.push((await remix(p.cookie)).statusCode);
      const image = await pngOf();
      const publishes: number[] = [];
      for (const p of pupils) {
        const form = await publishForm(publishMeta({ licence: 'cc0' }, ['w1']), image);
        const res = await g.app.inject({ method: 'POST', url: '/api/gallery/creations', payload: form.payload, headers: { ...form.headers, cookie: p.cookie }, remoteAddress: NAT });
        publishes.push(res.statusCode);
      }
      const publish = loadGalleryConfig({}).limits;
      console.log(
        `class of 30 behind ${NAT}: remixes ${remixes.filter((s) => s === 202).length}/60 accepted ` +
          `(${limits.perSessionPerMinute}/min per session, ${limits.perAddressPerMinute}/min per address); ` +
          `publishes ${publishes.filter((s) => s === 201).length}/30 accepted (${publish.publishPerSession} per session and ` +
          `${publish.publishPerAddress} per address in 10 min, ${publish.pendingPerSession} pending per session)`,
      );
      expect(remixes.every((s) => s === 202)).toBe(true);
      expect(publishes.every((s) => s === 201)).toBe(true);

      // One visitor alone: past its per-session budget within the minute it waits, with Retry-After.
      const eager = api.newVisitor();
      const own = [];
      for (let i = 0; i < limits.perSessionPerMinute + 1; i++) own.push(await remix(eager.cookie));
      expect(own.slice(0, -1).every((r) => r.statusCode === 202)).toBe(true);
      expect(own.at(-1)!.statusCode).toBe(429);
      expect(own.at(-1)!.json()).toMatchObject({ error: { code: 'rate_limited', details: { per: 'session' } } });
      expect(Number(own.at(-1)!.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await api.app.close();
    }
  });
});
