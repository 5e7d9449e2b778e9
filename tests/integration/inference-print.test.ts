/**
 * Print-ready images (issue 12 item 3) through the real queue: a `print` job on the remix queue (real Redis, a private
 * prefix) reads an approved creation's full PNG from a gallery-api stand-in over HTTP, upscales it with the real ESRGAN
 * model, tiled, to the paper's long side, and stores it. Prints the output size and the worker's peak memory.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { Queue, QueueEvents, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { MemoryStorage } from '@atelier/common/storage.fake';
import { PRINT_SIZES } from '@atelier/contracts/print';
import { ModelRegistry, REPO_ROOT } from '@atelier/models';
import { redisConnection } from '@atelier/inference-service/jobs/connection';
import { PRINT_JOB, PRINT_JOB_OPTIONS, printJobData, printKey } from '@atelier/inference-service/jobs/print.job';
import { REMIX_QUEUE, type RemixJobData, type RemixJobResult } from '@atelier/inference-service/jobs/remix.job';
import { createRemixWorker } from '@atelier/inference-service/processors/index';
import { createPrintProcessor } from '@atelier/inference-service/processors/print.processor';
import { HttpCreationImages } from '@atelier/inference-service/repositories/creation-image.client';
import { InferenceEngine } from '@atelier/inference-service/runtime/engine';
import { createSessionFactory } from '@atelier/inference-service/runtime/providers';
import { SessionCache } from '@atelier/inference-service/runtime/session-cache';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MODEL_DIR = process.env.MODEL_DIR ? resolve(process.env.MODEL_DIR) : resolve(REPO_ROOT, '../shared/models');
const MODEL = 'upscalerjs-esrgan-slim';
const HAS_ESRGAN = existsSync(join(MODEL_DIR, MODEL, 'x4.onnx'));
const SAMPLE = resolve(REPO_ROOT, '../shared/collection-sample/images/bruegel_the-harvesters_1565.jpg');

const APPROVED = randomUUID();
const WITHDRAWN = randomUUID();
const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024);

describe.skipIf(!HAS_ESRGAN || !existsSync(SAMPLE))('a print job through the remix queue with the real ESRGAN', () => {
  const prefix = `test-print-${randomUUID().slice(0, 8)}`;
  const storage = new MemoryStorage();
  let gallery: Server;
  let connections: Redis[];
  let queue: Queue<RemixJobData, RemixJobResult>;
  let events: QueueEvents;
  let worker: Worker;
  let sessions: SessionCache;

  beforeAll(async () => {
    // gallery-api as the worker sees it: an approved creation's full PNG (1024×768); any other id is 404, as a withdrawn one is.
    const full = await sharp(SAMPLE).resize(1024, 768, { fit: 'cover' }).png().toBuffer();
    gallery = createServer((req, res) => {
      if (req.url === `/api/gallery/creations/${APPROVED}/image/full`) return res.writeHead(200, { 'content-type': 'image/png' }).end(full);
      res.writeHead(404).end();
    });
    await new Promise<void>((ok) => gallery.listen(0, '127.0.0.1', ok));
    const galleryUrl = `http://127.0.0.1:${(gallery.address() as AddressInfo).port}`;
    connections = [redisConnection(REDIS_URL, 'api'), redisConnection(REDIS_URL, 'worker'), redisConnection(REDIS_URL, 'worker')];
    queue = new Queue(REMIX_QUEUE, { connection: connections[0]!, prefix });
    events = new QueueEvents(REMIX_QUEUE, { connection: connections[1]!, prefix });
    await events.waitUntilReady();
    const registry = await ModelRegistry.load({ modelDir: MODEL_DIR });
    sessions = new SessionCache(createSessionFactory({ providers: ['cpu'] }), 1024 * 1024 * 1024);
    const engine = new InferenceEngine({ registry, sessions, enabledSpec: [MODEL] });
    const print = createPrintProcessor({ storage, creations: new HttpCreationImages(galleryUrl), models: engine.models });
    const remix = async () => {
      throw new Error('no remix in this test');
    };
    worker = createRemixWorker({ remix, print }, { connection: connections[2]!, prefix, concurrency: 1, timeoutMs: () => 600_000 });
  });

  afterAll(async () => {
    await worker?.close();
    await events?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await sessions?.clear();
    await Promise.all((connections ?? []).map((c) => c.quit()));
    await new Promise((ok) => gallery?.close(ok));
  });

  it('upscales an approved creation to A3 at 150 dpi, tiled, with its peak memory bounded by the tile', async () => {
    const id = randomUUID();
    const { longSide } = PRINT_SIZES['a3-150'];
    writeFileSync('/proc/self/clear_refs', '5'); // the peak from here on
    const before = mb('VmRSS');
    const t0 = performance.now();
    const job = await queue.add(PRINT_JOB, printJobData(id, APPROVED, longSide, MODEL), { ...PRINT_JOB_OPTIONS, jobId: id });
    const result = (await job.waitUntilFinished(events, 600_000)) as RemixJobResult;
    const peak = mb('VmHWM');
    const png = await storage.get(printKey(id));
    const meta = await sharp(png).metadata();
    console.log(
      `print A3 150 dpi from 1024×768: ${meta.width}×${meta.height} in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `RSS ${before} MB before, peak ${peak} MB (+${peak - before} MB); timings ${JSON.stringify(result.timings)}`,
    );
    expect([result.output.width, result.output.height]).toEqual([2480, 1860]);
    expect([meta.width, meta.height]).toEqual([2480, 1860]);
    expect(result.model.id).toBe(MODEL);
    // ×4 of the 620×465 input in 544² tiles: one tile's activations (~2 GB at 544²) and the output, never the
    // whole image's (ESRGAN ×4 untiled at 1024² peaks at ~11 GB).
    expect(peak - before).toBeLessThan(3000);
  });

  it('fails a print of a creation gallery-api does not serve (withdrawn, pending, rejected) without retrying', async () => {
    const id = randomUUID();
    const job = await queue.add(PRINT_JOB, printJobData(id, WITHDRAWN, PRINT_SIZES['a4-150'].longSide, MODEL), { ...PRINT_JOB_OPTIONS, jobId: id });
    await expect(job.waitUntilFinished(events, 60_000)).rejects.toThrow(/not an approved creation/);
    expect((await queue.getJob(id))?.attemptsMade).toBe(1);
    expect(await storage.exists(printKey(id))).toBe(false);
  });
});
