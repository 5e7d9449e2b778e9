import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { STORAGE_FULL_MESSAGE } from '@atelier/common/errors';
import { MemoryStorage } from '@atelier/common/storage.fake';
import type { MemoryRemixEvents } from '../../services/remix-events.fake';
import type { MemoryRemixQueue } from '../../services/remix-queue.fake';
import type { TestVisitor } from '@atelier/common/testing/visitors';
import { fixedWorkers } from '../../services/worker-presence';
import { testApi } from '../../testing/app';
import { multipartBody, pngClaiming, type FormPart } from '../../testing/fixtures';

const validPng = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#88aa22' } }).png().toBuffer();
const validJpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#88aa22' } }).jpeg().toBuffer();
// Noise compresses badly, so cutting the file at 60 % leaves the header whole and the scan data short.
const noisyJpeg = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
  .jpeg()
  .toBuffer();

let app: FastifyInstance;
let queue: MemoryRemixQueue;
let storage: MemoryStorage;
let events: MemoryRemixEvents;
let visitor: TestVisitor;
beforeEach(async () => {
  ({ app, queue, storage, events, visitor } = await testApi({
    works: { 'starry-night': 'ok', harvesters: 'ok', 'nc-photo': { status: 'refused', reason: 'CC BY-NC 4.0: non-commercial' } },
  }));
});
afterEach(() => app.close());

const meta = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ requestId: randomUUID(), model: 'magenta-arbitrary-style', params: { styleWorkId: 'starry-night', strength: 0.8 }, workIds: ['harvesters'], ...over });

function post(canvas: Buffer | null, metaJson: string | null = meta(), contentType = 'image/png') {
  const parts: FormPart[] = [];
  if (metaJson !== null) parts.push({ name: 'meta', data: metaJson });
  if (canvas) parts.push({ name: 'canvas', filename: 'canvas.png', contentType, data: canvas });
  const { payload, headers } = multipartBody(parts);
  return app.inject({ method: 'POST', url: '/api/inference/remixes', payload, headers: { ...headers, ...visitor.headers } });
}

/** A GET as the visitor's browser sends it: with its session cookie. */
const get = (url: string) => app.inject({ url, headers: visitor.headers });

describe('POST /api/inference/remixes refuses bad input and stores nothing', () => {
  const cases: [string, () => ReturnType<typeof post>, number, string][] = [
    ['a non-image upload', () => post(Buffer.from('%PDF-1.7 not an image at all')), 415, 'unsupported_media_type'],
    ['a 60 MB upload', () => post(Buffer.alloc(60 * 1024 * 1024, 0x89)), 413, 'upload_too_large'],
    ['a PNG whose header claims 30000×30000 pixels', () => post(pngClaiming(30000, 30000)), 413, 'too_many_pixels'],
    ['a PNG that is only a 30000×30000 header', () => post(pngClaiming(30000, 30000, true)), 400, 'unreadable_image'],
    ['a truncated JPEG', () => post(noisyJpeg.subarray(0, Math.floor(noisyJpeg.length * 0.6)), meta(), 'image/jpeg'), 400, 'corrupt_image'],
    ['an unknown model id', () => post(validPng, meta({ model: 'stable-diffusion' })), 400, 'unknown_model'],
    // The safety classifier is enabled, but its manifest names no tool: it is not a remix model (was 202, then a job the worker refused).
    ['the safety classifier as the model', () => post(validPng, meta({ model: 'nsfwjs-mobilenet-v2' })), 400, 'unknown_model'],
    // A lookup in a plain object found Object's own properties here (was 500).
    ['`constructor` as the model', () => post(validPng, meta({ model: 'constructor' })), 400, 'unknown_model'],
    ['`__proto__` as the model', () => post(validPng, meta({ model: '__proto__' })), 400, 'validation_failed'],
    ['`toString` as the model', () => post(validPng, meta({ model: 'toString' })), 400, 'validation_failed'],
    ['an unknown work id', () => post(validPng, meta({ workIds: ['no-such-work'] })), 400, 'unknown_work'],
    ['an NC-licensed work', () => post(validPng, meta({ workIds: ['nc-photo'] })), 422, 'work_not_remixable'],
    ['an NC-licensed style work', () => post(validPng, meta({ params: { styleWorkId: 'nc-photo', strength: 1 } })), 422, 'work_not_remixable'],
    ['a strength above 1', () => post(validPng, meta({ params: { styleWorkId: 'starry-night', strength: 2 } })), 400, 'validation_failed'],
    ['a requestId that is not a uuid', () => post(validPng, meta({ requestId: '1' })), 400, 'validation_failed'],
    ['meta that is not JSON', () => post(validPng, '{oops'), 400, 'invalid_meta'],
    ['a missing canvas', () => post(null), 400, 'missing_canvas'],
    ['a missing meta field', () => post(validPng, null), 400, 'missing_meta'],
  ];
  it.each(cases)('%s', async (_name, send, status, code) => {
    const res = await send();
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toMatchObject({ error: { code } });
    expect(storage.objects.size).toBe(0);
    expect(queue.adds).toBe(0);
  });

  it('a file under another field name', async () => {
    const { payload, headers } = multipartBody([
      { name: 'meta', data: meta() },
      { name: 'avatar', filename: 'a.png', contentType: 'image/png', data: validPng },
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/inference/remixes', payload, headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('unexpected_file');
    expect(storage.objects.size).toBe(0);
  });

  it('a JSON body instead of multipart', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/inference/remixes', payload: { a: 1 } });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('names the refused work and the reason', async () => {
    const res = await post(validPng, meta({ workIds: ['nc-photo'] }));
    expect(res.json().error.details).toEqual({ works: [{ id: 'nc-photo', reason: 'CC BY-NC 4.0: non-commercial' }] });
  });
});

describe('remix lifecycle over HTTP (fake queue)', () => {
  it('answers 202 with a queued Remix, then 200 with the same remix for the same requestId', async () => {
    const body = meta();
    const first = await post(validPng, body);
    expect(first.statusCode, first.body).toBe(202);
    const remix = first.json();
    expect(remix).toMatchObject({ status: 'queued', tool: 'style', progress: 0, position: 1, workIds: ['harvesters'] });
    const again = await post(validJpeg, body, 'image/jpeg');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(remix);
    expect(storage.objects.size).toBe(1);

    const got = await get(`/api/inference/remixes/${remix.id}`);
    expect(got.json()).toEqual(remix);
    const notReady = await get(`/api/inference/remixes/${remix.id}/output.png`);
    expect(notReady.statusCode).toBe(409);
  });

  it('404s unknown remixes and 400s malformed ids', async () => {
    expect((await get(`/api/inference/remixes/${randomUUID()}`)).statusCode).toBe(404);
    expect((await get(`/api/inference/remixes/${randomUUID()}/events`)).statusCode).toBe(404);
    expect((await app.inject('/api/inference/remixes/../../etc')).statusCode).toBe(404);
    expect((await app.inject('/api/inference/remixes/not-a-uuid')).json().error.code).toBe('validation_failed');
  });

  it('sends `completed` and `screened` at once to a late subscriber and serves the output', async () => {
    const res = await post(validPng);
    const id = res.json().id as string;
    await queue.take();
    const ready = {
      model: { id: 'magenta-arbitrary-style', version: '1.0.0', files: [] },
      output: { key: `outputs/${id}.png`, sha256: 'b'.repeat(64), width: 64, height: 48 },
      finishedAt: new Date().toISOString(),
    };
    await storage.put(`outputs/${id}.png`, validPng);
    await queue.complete(id, { ...ready, safety: { screened: true, flagged: false, scores: {}, flagClasses: ['Porn'], threshold: 0.6 } });
    const sse = await get(`/api/inference/remixes/${id}/events`);
    expect(sse.headers['content-type']).toMatch(/text\/event-stream/);
    expect(sse.body).toMatch(/^event: completed\ndata: \{.*"status":"completed".*\n\nevent: screened\ndata: \{.*"safety":\{"screened":true/);
    expect(sse.body).toContain(`/api/inference/remixes/${id}/output.png`);
    expect(events.count(id)).toBe(0);
    const png = await get(`/api/inference/remixes/${id}/output.png`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.equals(validPng)).toBe(true);
  });

  it('streams progress, `completed` while the screen runs, then `screened` to a live subscriber, and removes its listeners', async () => {
    const id = (await post(validPng)).json().id as string;
    const pending = get(`/api/inference/remixes/${id}/events`);
    await expect.poll(() => events.count(id)).toBe(2);
    await queue.take();
    await queue.progress(id, 0.4);
    const ready = { model: { id: 'magenta-arbitrary-style', version: '1.0.0', files: [] }, output: { key: `outputs/${id}.png`, sha256: 'b'.repeat(64), width: 64, height: 48 }, finishedAt: new Date().toISOString() };
    await queue.progress(id, { progress: 1, ready });
    await queue.complete(id, { ...ready, safety: { screened: true, flagged: true, scores: {}, flagClasses: ['Porn'], threshold: 0.6 } });
    const body = (await pending).body;
    const names = [...body.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(names).toEqual(['progress', 'progress', 'progress', 'completed', 'screened']);
    expect(body).toContain('event: progress\ndata: {"progress":0,"status":"queued","position":1}');
    expect(body).toContain('event: progress\ndata: {"progress":0.4}');
    expect(body).toMatch(/event: completed\ndata: \{[^\n]*"screening":true/);
    expect(body).toMatch(/event: screened\ndata: \{[^\n]*"flagged":true/);
    expect(events.count(id)).toBe(0);
  });

  it('streams progress then failed to a live subscriber', async () => {
    const id = (await post(validPng)).json().id as string;
    const pending = get(`/api/inference/remixes/${id}/events`);
    await expect.poll(() => events.count(id)).toBe(2);
    await queue.take();
    await queue.fail(id, 'model files not usable\nstack…');
    const body = (await pending).body;
    expect(body).toContain('event: failed\ndata: {"error":"model files not usable","code":"failed"}');
    expect(events.count(id)).toBe(0);
  });
});

describe('GET /models and /health', () => {
  it('lists every manifest with its tool, label, defaults, licence flags and whether it is enabled', async () => {
    const models = (await app.inject('/api/inference/models')).json() as Record<string, unknown>[];
    expect(models).toHaveLength(7);
    expect(models.find((m) => m.id === 'magenta-arbitrary-style')).toMatchObject({
      version: '1.0.0',
      tool: 'style',
      defaults: { strength: 0.8 },
      enabled: true,
      licence: { spdx: 'Apache-2.0', flags: [] },
    });
    expect(models.find((m) => m.id === 'upscalerjs-esrgan-slim')).toMatchObject({ tool: 'upscale', label: { en: 'Photo', nl: 'Foto' }, defaults: { scale: 2 } });
    expect(models.find((m) => m.id === 'nsfwjs-mobilenet-v2')).not.toHaveProperty('tool');
    expect(models.find((m) => m.id === 'fast-neural-style-nc16')).toMatchObject({ enabled: false, defaults: { style: 'mosaic' }, licence: { flags: ['licence_not_stated'] } });
  });
  it('reports redis, the live workers and the storage room', async () => {
    const res = await app.inject('/api/inference/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: true,
      redis: true,
      workers: 1,
      storage: { ok: true, freeBytes: expect.any(Number) },
      models: { ready: ['isnet-imgly-medium', 'magenta-arbitrary-style', 'nsfwjs-mobilenet-v2', 'realesr-animevideov3-x4', 'upscalerjs-esrgan-slim'], warming: [] },
    });
  });
  it('says which enabled models the workers are still warming, in /models and /health, and stays ok meanwhile', async () => {
    const warming = await testApi({}, { workers: fixedWorkers(1, new Set(['magenta-arbitrary-style', 'nsfwjs-mobilenet-v2'])) });
    const models = (await warming.app.inject('/api/inference/models')).json() as { id: string; enabled: boolean; ready?: boolean }[];
    expect(Object.fromEntries(models.filter((m) => m.enabled).map((m) => [m.id, m.ready]))).toEqual({
      'isnet-imgly-medium': false,
      'magenta-arbitrary-style': true,
      'nsfwjs-mobilenet-v2': true,
      'realesr-animevideov3-x4': false,
      'upscalerjs-esrgan-slim': false,
    });
    expect(models.find((m) => m.id === 'fast-neural-style-nc16')).not.toHaveProperty('ready'); // not enabled: nothing to warm
    const health = await warming.app.inject('/api/inference/health');
    expect(health.statusCode).toBe(200);
    expect(health.json().models).toEqual({
      ready: ['magenta-arbitrary-style', 'nsfwjs-mobilenet-v2'],
      warming: ['isnet-imgly-medium', 'realesr-animevideov3-x4', 'upscalerjs-esrgan-slim'],
    });
  });
  it('answers 503 when no worker beats, or when the storage is below its minimum (and then refuses uploads before reading them)', async () => {
    const idle = await testApi({}, { workers: fixedWorkers(0) });
    const none = await idle.app.inject('/api/inference/health');
    expect(none.statusCode).toBe(503);
    expect(none.json()).toMatchObject({ ok: false, redis: true, workers: 0 });
    const full = await testApi({}, { storage: new MemoryStorage({ capacityBytes: 1024 }), storageMinFreeBytes: 4096 });
    const health = await full.app.inject('/api/inference/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ ok: false, workers: 1, storage: { ok: false, freeBytes: 1024 } });
    const upload = await full.app.inject({ method: 'POST', url: '/api/inference/remixes', headers: { ...full.visitor.headers, 'content-type': 'multipart/form-data; boundary=x' }, payload: 'x' });
    expect(upload.statusCode).toBe(507);
    expect(upload.json()).toEqual({ error: { code: 'storage_full', message: STORAGE_FULL_MESSAGE } });
  });
});

describe('remixes belong to the visitor session that submitted them', () => {
  it('mints an HttpOnly session cookie for a visitor without one, and ignores a client-chosen x-atelier-session', async () => {
    const { payload, headers } = multipartBody([
      { name: 'meta', data: meta() },
      { name: 'canvas', filename: 'canvas.png', contentType: 'image/png', data: validPng },
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/inference/remixes', payload, headers: { ...headers, 'x-atelier-session': 'chosen-by-me' } });
    expect(res.statusCode).toBe(202);
    const cookie = res.cookies.find((c) => c.name === 'atelier_visitor');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect((await queue.find(res.json().id))?.data.fairness?.sessionId).not.toBe('chosen-by-me');
    // With the cookie it minted, the remix is the visitor's.
    expect((await app.inject({ url: `/api/inference/remixes/${res.json().id}`, headers: { cookie: `atelier_visitor=${cookie!.value}` } })).statusCode).toBe(200);
    // A visitor who already has one keeps it: nothing is minted.
    expect((await post(validPng)).headers['set-cookie']).toBeUndefined();
  });

  it('answers 404 to another session and to no session: read, events, output and cancel', async () => {
    const id = (await post(validPng)).json().id as string;
    await queue.take();
    await storage.put(`outputs/${id}.png`, validPng);
    await queue.complete(id, {
      model: { id: 'magenta-arbitrary-style', version: '1.0.0', files: [] },
      output: { key: `outputs/${id}.png`, sha256: 'b'.repeat(64), width: 64, height: 48 },
      finishedAt: new Date().toISOString(),
    });
    const stranger = visitorFromAnotherTab();
    for (const headers of [stranger.headers, {}]) {
      for (const [method, url] of [
        ['GET', `/api/inference/remixes/${id}`],
        ['GET', `/api/inference/remixes/${id}/events`],
        ['GET', `/api/inference/remixes/${id}/output.png`],
        ['DELETE', `/api/inference/remixes/${id}`],
      ] as const) {
        const res = await app.inject({ method, url, headers });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.json()).toEqual({ error: { code: 'remix_not_found', message: 'No such remix.' } });
      }
    }
    const own = await get(`/api/inference/remixes/${id}/output.png`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, max-age=31536000, immutable');
  });

  let visitorFromAnotherTab: () => TestVisitor;
  beforeEach(async () => {
    const api = await testApi({ works: { 'starry-night': 'ok', harvesters: 'ok' } });
    visitorFromAnotherTab = api.newVisitor;
    await api.app.close();
  });
});

describe('POST /remixes rate limits', () => {
  it('refuses past the per-session budget with 429, Retry-After and the error shape; another session on the same address goes on', async () => {
    const limited = await testApi({ works: { 'starry-night': 'ok', harvesters: 'ok' }, remixRateLimits: { perSessionPerMinute: 2, perAddressPerMinute: 5 } });
    const send = (who: TestVisitor, address = '198.51.100.4') => {
      const { payload, headers } = multipartBody([
        { name: 'meta', data: meta() },
        { name: 'canvas', filename: 'canvas.png', contentType: 'image/png', data: validPng },
      ]);
      return limited.app.inject({ method: 'POST', url: '/api/inference/remixes', payload, headers: { ...headers, ...who.headers }, remoteAddress: address });
    };
    try {
      const [a, b] = [limited.newVisitor(), limited.newVisitor()];
      expect((await send(a)).statusCode).toBe(202);
      expect((await send(a)).statusCode).toBe(202);
      const third = await send(a);
      expect(third.statusCode).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect(third.json()).toMatchObject({ error: { code: 'rate_limited', details: { per: 'session' } } });
      expect((await send(b)).statusCode).toBe(202);
      expect((await send(b)).statusCode).toBe(202);
      // Five from the address in this minute: a sixth is refused whatever its session, another address is not.
      expect((await send(limited.newVisitor())).statusCode).toBe(202);
      expect((await send(limited.newVisitor())).json()).toMatchObject({ error: { code: 'rate_limited', details: { per: 'address' } } });
      expect((await send(limited.newVisitor(), '198.51.100.5')).statusCode).toBe(202);
    } finally {
      await limited.app.close();
    }
  });
});
