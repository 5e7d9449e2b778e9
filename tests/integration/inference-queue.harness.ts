/**
 * A real-Redis harness for the queue tests: the inference API in process with a private queue prefix,
 * stand-in processors (no model needed) and helpers that wait by QueueEvents / SSE, never by sleeping.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { QueueEvents, type Job, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { MemoryStorage } from '@atelier/common/storage.fake';
import { PupilSessions } from '@atelier/common/pupil-session';
import { TEST_SESSION_SECRET, testVisitor, testVisitorSessions, type TestVisitor } from '@atelier/common/testing/visitors';
import { sseEvents, type SseEvent } from '@atelier/common/sse';
import { REMIX_FINAL_EVENTS } from '@atelier/contracts';
import { inferenceApp, type InferenceDeps } from '@atelier/inference-service/app';
import { redisConnection } from '@atelier/inference-service/jobs/connection';
import type { RemixJobData, RemixJobResult } from '@atelier/inference-service/jobs/remix.job';
import { createRemixWorker, type RemixWorkerOptions } from '@atelier/inference-service/processors/index';
import { RedisFairnessStore } from '@atelier/inference-service/repositories/fairness.repository';
import { RedisRateCounter } from '@atelier/inference-service/repositories/rate-counter.repository';
import { BullRemixEvents } from '@atelier/inference-service/repositories/remix-events.repository';
import { BullRemixQueue } from '@atelier/inference-service/repositories/remix-queue.repository';
import { createInferenceServices } from '@atelier/inference-service/services/index';
import { FairScheduler, type FairnessLimits } from '@atelier/inference-service/services/fair-scheduler';
import type { GalleryClient } from '@atelier/inference-service/services/gallery';
import { MemoryGallery } from '@atelier/inference-service/services/gallery.fake';
import type { WorkerPresence } from '@atelier/inference-service/services/worker-presence';
import { ManifestCatalog } from '@atelier/inference-service/services/model-catalog';
import { multipartBody, tinyMagentaRegistry } from '@atelier/inference-service/testing/fixtures';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const MODEL = 'magenta-arbitrary-style';
export type Processor = (job: Job<RemixJobData, RemixJobResult>, token: string | undefined, signal: AbortSignal) => Promise<RemixJobResult>;

export class CountingStorage extends MemoryStorage {
  puts: string[] = [];
  override async put(key: string, data: Uint8Array) {
    this.puts.push(key);
    await super.put(key, data);
  }
}

export interface Harness {
  app: FastifyInstance;
  baseUrl: string;
  queue: BullRemixQueue;
  storage: CountingStorage;
  store: RedisFairnessStore;
  queueEvents: QueueEvents;
  /** The visitor (a signed session cookie) a label stands for; the same label is the same visitor. */
  visitor(label?: string): TestVisitor;
  /** A request to the API as a visitor's browser sends it (by default the 'default' visitor's). */
  inject(opts: { method?: 'GET' | 'DELETE'; url: string; as?: string }): Promise<LightMyRequestResponse>;
  /** The Redis connection the API uses (to look at what it stores). */
  redis: Redis;
  prefix: string;
  startWorker(processor: Processor, options?: Partial<RemixWorkerOptions>): Promise<Worker>;
  close(): Promise<void>;
}

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

export async function harness(
  limits: Partial<FairnessLimits> = {},
  options: {
    remixRateLimits?: InferenceDeps['remixRateLimits'];
    /** Another Redis (tests/faults: a private server the test restarts); the machine's by default. */
    redisUrl?: string;
    /** gallery-api as the API sees it (works/check); MemoryGallery with w1 and w2 by default. */
    gallery?: GalleryClient;
    /** The workers' heartbeats as the API reads them (given the harness's Redis and prefix); one worker by default. */
    workers?: (redis: Redis, prefix: string) => WorkerPresence;
  } = {},
): Promise<Harness> {
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const prefix = `test-queue-${randomUUID().slice(0, 8)}`;
  const connections: Redis[] = [redisConnection(redisUrl, 'api'), redisConnection(redisUrl, 'worker'), redisConnection(redisUrl, 'worker')];
  // A test that stops Redis hears its errors here, not as an unhandled 'error' event.
  for (const c of connections) c.on('error', () => undefined);
  const queue = new BullRemixQueue(connections[0]!, prefix);
  const events = new BullRemixEvents(connections[1]!, prefix);
  const eventsConnection = connections[2]!.duplicate();
  eventsConnection.on('error', () => undefined);
  const queueEvents = new QueueEvents('remix', { connection: eventsConnection, prefix });
  queueEvents.on('error', () => undefined);
  events.onError(() => undefined);
  await Promise.all([events.waitUntilReady(), queueEvents.waitUntilReady()]);
  const store = new RedisFairnessStore(connections[0]!, prefix);
  const scheduler = new FairScheduler(store, queue, { maxPending: 3, maxPerHour: 100, groupShare: 4, ...limits });
  const storage = new CountingStorage();
  const registry = await tinyMagentaRegistry();
  const visitors = testVisitorSessions();
  const byLabel = new Map<string, TestVisitor>();
  const services = createInferenceServices({
    queue,
    events,
    gallery: options.gallery ?? new MemoryGallery({ w1: 'ok', w2: 'ok' }),
    storage,
    catalog: new ManifestCatalog(registry.list(), [MODEL]),
    recipes: [],
    scheduler,
    visitors,
    // Workshop pupils (cookies a test signs with the same secret) queue as their class's group.
    pupils: new PupilSessions(TEST_SESSION_SECRET, false),
    rateCounter: new RedisRateCounter(connections[0]!, prefix),
    ...(options.workers ? { workers: options.workers(connections[0]!, prefix) } : {}),
  });
  const app = Fastify();
  await app.register(inferenceApp, { ...services, ...(options.remixRateLimits ? { remixRateLimits: options.remixRateLimits } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const workers: Worker[] = [];
  const h: Harness = {
    app,
    queue,
    storage,
    store,
    queueEvents,
    visitor(label = 'default') {
      let v = byLabel.get(label);
      if (!v) byLabel.set(label, (v = testVisitor(visitors)));
      return v;
    },
    inject: ({ method = 'GET', url, as }) => app.inject({ method, url, headers: h.visitor(as).headers }),
    redis: connections[0]!,
    prefix,
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async startWorker(processor, options = {}) {
      const connection = redisConnection(redisUrl, 'worker');
      connection.on('error', () => undefined);
      const worker = createRemixWorker(
        // The queue's other job name runs through the same test processor (these tests queue remixes only).
        { remix: (job, token, signal) => processor(job, token, signal!), print: (job, token, signal) => processor(job, token, signal!) },
        { connection, prefix, concurrency: 1, stats: store, ...options },
      );
      worker.on('error', () => undefined); // a test that stops Redis sees the worker reconnect
      workers.push(worker);
      await worker.waitUntilReady();
      return worker;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close(true)));
      await app.close();
      await Promise.all([events.close(), queueEvents.close()]);
      await queue.queue.obliterate({ force: true });
      const keys = await connections[0]!.keys(`${prefix}:*`);
      if (keys.length) await connections[0]!.del(...keys);
      await queue.close();
      await Promise.all(connections.map((c) => c.quit()));
    },
  };
  open.push(h);
  return h;
}

export const canvas = sharp({ create: { width: 48, height: 32, channels: 3, background: '#c83' } }).png().toBuffer();

/** POST /remixes as the visitor `session` labels (its session cookie), with a stand-in strength 0.5 unless given. */
export async function post(h: Harness, session = 'default', requestId = randomUUID(), image?: Buffer, strength = 0.5, remoteAddress?: string) {
  const { payload, headers } = multipartBody([
    { name: 'meta', data: JSON.stringify({ requestId, model: MODEL, params: { styleWorkId: 'w2', strength }, workIds: ['w1'] }) },
    { name: 'canvas', filename: 'c.png', contentType: 'image/png', data: image ?? (await canvas) },
  ]);
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/inference/remixes',
    payload,
    headers: { ...headers, ...h.visitor(session).headers },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  return { res, requestId, body: res.json() };
}

export const result = (job: Job<RemixJobData>): RemixJobResult => ({
  model: { id: MODEL, version: 't', files: [] },
  output: { key: `outputs/${job.data.remixId}.png`, sha256: 'x', width: 1, height: 1 },
  finishedAt: new Date().toISOString(),
  safety: { screened: false, flagged: false, scores: {}, flagClasses: [], threshold: 1, note: 'stand-in processor' },
});

/** Resolves with the job's end as QueueEvents reports it. */
export function ended(h: Harness, id: string): Promise<{ event: 'completed' | 'failed'; reason?: string }> {
  return new Promise((resolve) => {
    const done = (e: { jobId: string; failedReason?: string }, event: 'completed' | 'failed') => {
      if (e.jobId !== id) return;
      h.queueEvents.off('completed', onCompleted);
      h.queueEvents.off('failed', onFailed);
      resolve({ event, reason: e.failedReason });
    };
    const onCompleted = (e: { jobId: string }) => done(e, 'completed');
    const onFailed = (e: { jobId: string; failedReason: string }) => done(e, 'failed');
    h.queueEvents.on('completed', onCompleted);
    h.queueEvents.on('failed', onFailed);
  });
}

export const activated = (h: Harness, id: string) =>
  new Promise<void>((resolve) => {
    const on = ({ jobId }: { jobId: string }) => jobId === id && (h.queueEvents.off('active', on), resolve());
    h.queueEvents.on('active', on);
  });

/**
 * Reads SSE events until one of `until` (by default the events that end a remix's stream); returns all of them.
 * `visitor`: whose browser reads it (the remix's own visitor; a stream answers nobody else).
 */
export const sse = (url: string, until: readonly string[] = REMIX_FINAL_EVENTS, visitor?: TestVisitor) => watch(url, until, visitor).events;

/** Opens an SSE stream and resolves `ready` once its first event (the current state) arrived. */
export function watch(url: string, until: readonly string[] = REMIX_FINAL_EVENTS, visitor?: TestVisitor) {
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const events = (async () => {
    const out: SseEvent[] = [];
    for await (const e of sseEvents(await fetch(url, { headers: visitor?.headers ?? {} }))) {
      out.push(e);
      ready();
      if (until.includes(e.event)) return out;
    }
    return out;
  })();
  return { ready: isReady, events };
}


/** The stand-in processors branch on the strength a test submitted. */
export const strengthOf = (job: Job<RemixJobData>) => (job.data.params as { strength?: number }).strength;
