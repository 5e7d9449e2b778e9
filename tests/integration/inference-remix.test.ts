/**
 * inference-service end to end on the real Redis: POST a canvas → BullMQ job → worker (real onnxruntime)
 * → output PNG, watched over server-sent events. A tiny HTTP server stands in for gallery-api.
 * Each run uses its own queue prefix; waiting is by events, never by sleeping.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { LocalDirStorage, sha256Hex } from '@atelier/common';
import { MemoryRateCounter } from '@atelier/common/rate-limit';
import { sseEvents } from '@atelier/common/sse';
import { testVisitor, testVisitorSessions } from '@atelier/common/testing/visitors';
import { REMIX_FINAL_EVENTS } from '@atelier/contracts';
import { ModelRegistry, REPO_ROOT } from '@atelier/models';
import { inferenceApp } from '@atelier/inference-service/app';
import { redisConnection } from '@atelier/inference-service/jobs/connection';
import { remixKeys } from '@atelier/inference-service/jobs/control';
import { createRemixWorker } from '@atelier/inference-service/processors/index';
import { createRemixProcessor } from '@atelier/inference-service/processors/remix.processor';
import { HttpGalleryClient } from '@atelier/inference-service/repositories/gallery.client';
import { BullRemixEvents } from '@atelier/inference-service/repositories/remix-events.repository';
import { BullRemixQueue } from '@atelier/inference-service/repositories/remix-queue.repository';
import { createInferenceServices } from '@atelier/inference-service/services/index';
import { ManifestCatalog } from '@atelier/inference-service/services/model-catalog';
import { InferenceEngine } from '@atelier/inference-service/runtime/engine';
import { LruMap } from '@atelier/inference-service/runtime/lru';
import { createSessionFactory } from '@atelier/inference-service/runtime/providers';
import { SessionCache } from '@atelier/inference-service/runtime/session-cache';
import { SafetyScreen } from '@atelier/inference-service/runtime/safety-screen';
import type { SafetyScores } from '@atelier/inference-service/runtime/models/safety';
import { multipartBody, tinyMagentaRegistry } from '@atelier/inference-service/testing/fixtures';
import { modelRunners } from '@atelier/inference-service/tools/index';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SAMPLES = resolve(REPO_ROOT, '../shared/collection-sample/images');
const REAL_MODEL_DIR = process.env.MODEL_DIR ? resolve(process.env.MODEL_DIR) : resolve(REPO_ROOT, '../shared/models');
const HAS_REAL_MAGENTA = existsSync(join(REAL_MODEL_DIR, 'magenta-arbitrary-style', 'style_transfer.onnx'));
const HAS_SAMPLES = existsSync(SAMPLES);

/** A stand-in for gallery-api: works/check and the `working` rendition of two sample paintings. */
function fakeGallery(): Promise<{ server: Server; url: string }> {
  const works: Record<string, { file?: string; status: 'ok' | 'refused'; reason?: string }> = {
    'starry-night': { file: 'van-gogh_the-starry-night_1889.jpg', status: 'ok' },
    'great-wave': { file: 'hokusai_the-great-wave-off-kanagawa.jpg', status: 'ok' },
    'nc-photo': { status: 'refused', reason: 'CC BY-NC 4.0' },
  };
  const server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url === '/api/gallery/works/check') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const ids = (JSON.parse(body) as { ids: string[] }).ids;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ works: ids.map((id) => (works[id] ? { id, status: works[id].status, reason: works[id].reason } : { id, status: 'unknown' })) }));
      return;
    }
    const m = /^\/api\/gallery\/works\/([^/]+)\/image\/working$/.exec(req.url ?? '');
    const file = m && works[decodeURIComponent(m[1]!)]?.file;
    if (!file) return void res.writeHead(404).end();
    res.setHeader('content-type', 'image/webp');
    res.end(await sharp(join(SAMPLES, file)).resize(1024, 1024, { fit: 'inside' }).webp().toBuffer());
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/** The one visitor of these tests: every request carries its session cookie, as the studio's would. */
const visitors = testVisitorSessions();
const VISITOR = testVisitor(visitors);

interface Harness {
  app: FastifyInstance;
  prefix: string;
  baseUrl: string;
  worker?: Worker;
  queue: BullRemixQueue;
  close(): Promise<void>;
}

async function harness(registry: ModelRegistry, galleryUrl: string, withWorker: boolean, safety?: SafetyScreen): Promise<Harness> {
  const prefix = `test-inference-${randomUUID().slice(0, 8)}`;
  const storageDir = await mkdtemp(join(tmpdir(), 'inference-storage-'));
  const storage = new LocalDirStorage(storageDir);
  const connections: Redis[] = [redisConnection(REDIS_URL, 'api'), redisConnection(REDIS_URL, 'worker'), redisConnection(REDIS_URL, 'worker')];
  const queue = new BullRemixQueue(connections[0]!, prefix);
  const events = new BullRemixEvents(connections[1]!, prefix);
  await events.waitUntilReady();
  const gallery = new HttpGalleryClient(galleryUrl);
  const enabled = ['magenta-arbitrary-style'];
  const services = createInferenceServices({
    queue,
    events,
    gallery,
    storage,
    catalog: new ManifestCatalog(registry.list(), enabled),
    recipes: [],
    visitors,
    rateCounter: new MemoryRateCounter(),
  });
  const app = Fastify();
  await app.register(inferenceApp, services);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const sessions = new SessionCache(createSessionFactory({ providers: ['cpu'] }), 1024 * 1024 * 1024);
  // The worker as worker.ts composes it: the engine's adapters for the enabled models, their tools' runners.
  const engine = new InferenceEngine({ registry, sessions, enabledSpec: enabled });
  const models = modelRunners(engine.models, { gallery, styleVectors: new LruMap(8) });
  const worker = withWorker
    ? createRemixWorker(
        {
          remix: createRemixProcessor({ storage, models, safety: safety ?? engine.safety }),
          print: async () => {
            throw new Error('no prints in this test');
          },
        },
        { connection: connections[2]!, prefix, concurrency: 1 },
      )
    : undefined;
  return {
    app,
    prefix,
    queue,
    worker,
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async close() {
      await worker?.close();
      await app.close();
      await events.close();
      await queue.queue.obliterate({ force: true });
      await queue.close();
      await sessions.clear();
      await Promise.all(connections.map((c) => c.quit()));
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

async function canvasPng(): Promise<Buffer> {
  return sharp(join(SAMPLES, 'caillebotte_paris-street-rainy-day_1877.jpg')).resize(513, 389, { fit: 'fill' }).png().toBuffer();
}

function postRemix(h: Harness, canvas: Buffer, meta: object) {
  const { payload, headers } = multipartBody([
    { name: 'meta', data: JSON.stringify(meta) },
    { name: 'canvas', filename: 'canvas.png', contentType: 'image/png', data: canvas },
  ]);
  return h.app.inject({ method: 'POST', url: '/api/inference/remixes', payload, headers: { ...headers, ...VISITOR.headers } });
}

/** Reads the SSE stream until it ends (`screened`, `failed` or `cancelled`); `onEvent` sees each event as it comes. */
async function readEvents(url: string, onEvent: (e: { event: string; data: unknown }) => Promise<void> | void = () => {}): Promise<{ event: string; data: any }[]> {
  const res = await fetch(url, { headers: VISITOR.headers });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const out: { event: string; data: any }[] = [];
  for await (const e of sseEvents(res)) {
    out.push(e);
    await onEvent(e);
    if (REMIX_FINAL_EVENTS.includes(e.event as never)) return out;
  }
  return out;
}

async function runJourney(h: Harness) {
  const requestId = randomUUID();
  const meta = { requestId, model: 'magenta-arbitrary-style', params: { styleWorkId: 'starry-night', strength: 0.8 }, workIds: ['great-wave'] };
  const canvas = await canvasPng();
  const created = await postRemix(h, canvas, meta);
  expect(created.statusCode, created.body).toBe(202);
  expect(created.json()).toMatchObject({ id: requestId, workIds: ['great-wave'] });

  const events = await readEvents(`${h.baseUrl}/api/inference/remixes/${requestId}/events`);
  expect(events.slice(-2).map((e) => e.event), JSON.stringify(events)).toEqual(['completed', 'screened']);
  const progress = events.filter((e) => e.event === 'progress').map((e) => (e.data as { progress: number }).progress);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  expect(progress.every((p) => p >= 0 && p <= 1)).toBe(true);

  // `completed` comes as soon as the output is stored; `screened`, the same remix with its report, when the job finishes.
  const announced = events.at(-2)?.data as Record<string, unknown>;
  expect(announced).toMatchObject({ id: requestId, status: 'completed', tool: 'style', progress: 1, output: expect.objectContaining({ sha256: expect.any(String) }) });
  const screened = events.at(-1)?.data as Record<string, unknown>;
  const remix = (await h.app.inject({ url: `/api/inference/remixes/${requestId}`, headers: VISITOR.headers })).json();
  expect(screened).toEqual(remix);
  expect(remix).toMatchObject({ id: requestId, status: 'completed', tool: 'style', progress: 1, params: meta.params, inputSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(remix.output).toMatchObject({ url: `/api/inference/remixes/${requestId}/output.png`, width: 512, height: 388 });
  expect(remix.finishedAt).toBeTruthy();
  expect(remix.safety).toMatchObject({ screened: false }); // no classifier in this harness unless a test gives one
  expect(remix).not.toHaveProperty('screening');
  const { screening: _screening, ...rest } = announced;
  expect({ ...rest, safety: remix.safety }).toEqual(remix);

  const png = await fetch(`${h.baseUrl}${remix.output.url}`, { headers: VISITOR.headers });
  const bytes = Buffer.from(await png.arrayBuffer());
  expect(png.headers.get('content-type')).toBe('image/png');
  expect(sha256Hex(bytes)).toBe(remix.output.sha256);

  // A late subscriber gets `completed` and `screened` at once; a double submit is the same remix.
  expect((await readEvents(`${h.baseUrl}/api/inference/remixes/${requestId}/events`)).map((e) => e.event)).toEqual(['completed', 'screened']);
  const again = await postRemix(h, canvas, meta);
  expect(again.statusCode).toBe(200);
  expect(again.json()).toEqual(remix);
  return { remix, bytes };
}

let gallery: { server: Server; url: string };
beforeAll(async () => {
  gallery = await fakeGallery();
});
afterAll(() => new Promise<void>((ok) => gallery.server.close(() => ok())));

describe.skipIf(!HAS_SAMPLES)('inference-service remix through the queue', () => {
  it('runs the journey with the tiny stand-in Magenta graphs', async () => {
    const h = await harness(await tinyMagentaRegistry(), gallery.url, true);
    try {
      const { remix } = await runJourney(h);
      expect(remix.model.version).toBe('0.0.0-tiny');
    } finally {
      await h.close();
    }
  });

  it('announces `completed` once the output is stored, and `screened` with the safety report when the screen has run', async () => {
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    const scores: SafetyScores = { Drawing: 0.1, Hentai: 0, Neutral: 0.9, Porn: 0, Sexy: 0 };
    // A classifier held until the test lets it go: the visitor's result must not wait for it.
    const classifier = { scores: async () => (await gate, scores) };
    const screen = new SafetyScreen(classifier, { flagClasses: ['Porn', 'Hentai'], threshold: 0.6 }, { id: 'nsfwjs-mobilenet-v2', version: 't' });
    const h = await harness(await tinyMagentaRegistry(), gallery.url, true, screen);
    try {
      const requestId = randomUUID();
      const meta = { requestId, model: 'magenta-arbitrary-style', params: { styleWorkId: 'starry-night', strength: 0.8 }, workIds: [] };
      expect((await postRemix(h, await canvasPng(), meta)).statusCode).toBe(202);
      // While the screen is held: the output can be fetched, the remix cannot be cancelled any more, and a cancel
      // that raced the announcement (read the job as running just before) reaches the worker without failing it.
      const whileScreening = async (e: { event: string; data: any }) => {
        if (e.event !== 'completed') return;
        expect(e.data).toMatchObject({ status: 'completed', screening: true });
        expect(e.data).not.toHaveProperty('safety');
        const png = Buffer.from(await (await fetch(`${h.baseUrl}/api/inference/remixes/${requestId}/output.png`, { headers: VISITOR.headers })).arrayBuffer());
        expect(sha256Hex(png)).toBe(e.data.output.sha256);
        expect((await h.app.inject({ method: 'DELETE', url: `/api/inference/remixes/${requestId}`, headers: VISITOR.headers })).statusCode).toBe(409);
        const publisher = redisConnection(REDIS_URL, 'api');
        await publisher.publish(remixKeys(h.prefix).cancelChannel, requestId);
        await publisher.quit();
        expect((await h.app.inject({ url: `/api/inference/remixes/${requestId}`, headers: VISITOR.headers })).json()).toMatchObject({ status: 'completed', screening: true });
        release();
      };
      const events = await readEvents(`${h.baseUrl}/api/inference/remixes/${requestId}/events`, whileScreening);
      expect(events.slice(-2).map((e) => e.event)).toEqual(['completed', 'screened']);
      const [done, screened] = events.slice(-2).map((e) => e.data);
      expect(screened).not.toHaveProperty('screening');
      expect(screened.safety).toMatchObject({ screened: true, flagged: false, scores: { input: scores, output: scores } });
      expect(screened.output).toEqual(done.output);
      expect((await h.app.inject({ url: `/api/inference/remixes/${requestId}`, headers: VISITOR.headers })).json()).toEqual(screened);
    } finally {
      release();
      await h.close();
    }
  });

  it('reports each queued remix position, next first', async () => {
    const h = await harness(await ModelRegistry.load({ modelDir: REAL_MODEL_DIR }), gallery.url, false);
    try {
      const canvas = await canvasPng();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const requestId = randomUUID();
        ids.push(requestId);
        const res = await postRemix(h, canvas, { requestId, model: 'magenta-arbitrary-style', params: { styleWorkId: 'great-wave', strength: 1 }, workIds: [] });
        expect(res.statusCode).toBe(202);
      }
      const positions = await Promise.all(ids.map(async (id) => (await h.app.inject({ url: `/api/inference/remixes/${id}`, headers: VISITOR.headers })).json().position));
      expect(positions).toEqual([1, 2, 3]);
      const nc = await postRemix(h, canvas, { requestId: randomUUID(), model: 'magenta-arbitrary-style', params: { styleWorkId: 'nc-photo', strength: 1 }, workIds: [] });
      expect(nc.statusCode).toBe(422);
    } finally {
      await h.close();
    }
  });

  it.skipIf(!HAS_REAL_MAGENTA)(`runs a real Magenta remix from ${REAL_MODEL_DIR}`, async () => {
    const h = await harness(await ModelRegistry.load({ modelDir: REAL_MODEL_DIR }), gallery.url, true);
    try {
      const { remix, bytes } = await runJourney(h);
      expect(remix.model).toEqual({
        id: 'magenta-arbitrary-style',
        version: '1.0.0',
        files: [
          { name: 'style_predict.onnx', sha256: '0926689d13a532e32e037b04bba45769081c53ba40667d39d8e67de66df76a86' },
          { name: 'style_transfer.onnx', sha256: 'ef2af393f149df6c24e232e47fe684ca85f49a46c5bd75b28952f8ce51b2c86a' },
        ],
        licence: { spdx: 'Apache-2.0', uri: 'https://www.apache.org/licenses/LICENSE-2.0', flags: [] },
      });
      // A real stylisation changes the picture: the output is not the canvas and not a flat colour.
      const stats = await sharp(bytes).stats();
      expect(stats.channels.every((c) => c.stdev > 10)).toBe(true);
      const input = await sharp(await canvasPng()).resize(512, 388, { fit: 'fill' }).raw().toBuffer();
      const output = await sharp(bytes).removeAlpha().raw().toBuffer();
      let diff = 0;
      for (let i = 0; i < input.length; i++) diff += Math.abs(input[i]! - output[i]!);
      expect(diff / input.length).toBeGreaterThan(10);
    } finally {
      await h.close();
    }
  });
});

if (!HAS_REAL_MAGENTA) console.warn(`[inference-remix] real Magenta test skipped: no model files in ${REAL_MODEL_DIR} (set MODEL_DIR)`);
if (!HAS_SAMPLES) console.warn(`[inference-remix] skipped: no sample images in ${SAMPLES}`);
