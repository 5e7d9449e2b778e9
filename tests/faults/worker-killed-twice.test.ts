/**
 * Issue 10 item 11: a remix whose worker is killed (SIGKILL) mid-job, twice. Real worker processes on the real
 * Magenta model (skipped without ../shared/models), the machine's Redis under a private prefix. A worker that
 * starts puts the job a dead worker of its host left back at the front of the queue before it takes anything, so
 * the crashed remix runs before the remixes queued after it; it survives two deaths (WORKER_MAX_STALLED_COUNT 2) and
 * completes exactly once with one output. Past the limit a remix fails, with a message a visitor can read, and the
 * queue goes on.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { QueueEvents } from 'bullmq';
import { LocalDirStorage, sha256Hex } from '@atelier/common';
import { REPO_ROOT } from '@atelier/models';
import { redisConnection } from '@atelier/inference-service/jobs/connection';
import { inputKey } from '@atelier/inference-service/jobs/remix.job';
import { BullRemixQueue } from '@atelier/inference-service/repositories/remix-queue.repository';
import { toRemix } from '@atelier/inference-service/services/remix-view';
import { printFigures, since } from './support/figures';
import { startService, type ServiceProcess } from '../support/processes';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MODEL_DIR = process.env.MODEL_DIR ? resolve(process.env.MODEL_DIR) : resolve(REPO_ROOT, '../shared/models');
const HAS_MAGENTA = existsSync(join(MODEL_DIR, 'magenta-arbitrary-style', 'style_transfer.onnx'));
const MODEL = 'magenta-arbitrary-style';

let gallery: Server;
let storageDir: string;
const prefix = `test-killed-twice-${randomUUID().slice(0, 8)}`;
const connection = redisConnection(REDIS_URL, 'api');
const queue = new BullRemixQueue(connection, prefix);
let events: QueueEvents;
const workers: ServiceProcess[] = [];
const actives: string[] = [];
const counts = new Map<string, Record<string, number>>();
const waiters: { test: () => boolean; resolve: () => void }[] = [];

const count = (id: string, name: string) => counts.get(id)?.[name] ?? 0;
/** Resolves once `test` holds, checked on every queue event: waits on events, never on the clock. */
const until = (test: () => boolean) => (test() ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve })));

beforeAll(async () => {
  const style = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#236' } }).webp().toBuffer();
  gallery = createServer((req, res) => (/\/image\/working$/.test(req.url ?? '') ? res.end(style) : res.writeHead(404).end()));
  await new Promise<void>((ok) => gallery.listen(0, '127.0.0.1', ok));
  storageDir = await mkdtemp(join(tmpdir(), 'faults-worker-'));
  events = new QueueEvents('remix', { connection: redisConnection(REDIS_URL, 'worker'), prefix });
  await events.waitUntilReady();
  for (const name of ['active', 'completed', 'failed', 'stalled'] as const)
    events.on(name, ({ jobId }: { jobId: string }) => {
      if (name === 'active') actives.push(jobId);
      const c = counts.get(jobId) ?? {};
      c[name] = (c[name] ?? 0) + 1;
      counts.set(jobId, c);
      for (const w of [...waiters]) if (w.test()) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
    });
});

afterAll(async () => {
  for (const w of workers) await w.kill('SIGKILL');
  await events?.close();
  await queue.queue.obliterate({ force: true }).catch(() => undefined);
  const keys = await connection.keys(`${prefix}:*`);
  if (keys.length) await connection.del(...keys);
  await queue.close();
  await connection.quit();
  gallery?.close();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

function startWorker(env: Record<string, string> = {}): ServiceProcess {
  const w = startService('inference-service/src/worker.ts', {
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    MODEL_DIR,
    GALLERY_URL: `http://127.0.0.1:${(gallery.address() as AddressInfo).port}`,
    INFERENCE_STORAGE_DIR: storageDir,
    INFERENCE_MODELS: MODEL,
    INFERENCE_THREADS: '1',
    INFERENCE_SWEEP_INTERVAL_MIN: '0',
    ...env,
  });
  workers.push(w);
  return w;
}

/** A worker that takes one job and holds it (its test delay) until the test kills it: returns the job it took. */
async function killMidJob(env: Record<string, string> = {}): Promise<string> {
  const before = actives.length;
  const w = startWorker({ INFERENCE_TEST_JOB_DELAY_MS: '600000', ...env });
  await until(() => actives.length > before);
  const taken = actives[before]!;
  await w.kill('SIGKILL');
  return taken;
}

async function enqueue(label: string): Promise<string> {
  const remixId = randomUUID();
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c84' } }).png().toBuffer();
  await new LocalDirStorage(storageDir).put(inputKey(remixId), png);
  await queue.add(
    { remixId, model: MODEL, tool: 'style', params: { styleWorkId: 'w', strength: 1 }, workIds: [], inputKey: inputKey(remixId), inputSha256: sha256Hex(png), fairness: { sessionId: label } },
    { priority: 1 },
  );
  return remixId;
}

describe.skipIf(!HAS_MAGENTA)('a worker killed twice mid-job', () => {
  it('runs the crashed remix first after each restart and completes it exactly once; past the limit it fails in plain words', async () => {
    const a = await enqueue('visitor-a');
    const b = await enqueue('visitor-b');
    const c = await enqueue('visitor-c');

    expect(await killMidJob()).toBe(a);
    const t1 = performance.now();
    // The next worker takes the crashed remix before b and c, which were queued behind it.
    expect(await killMidJob()).toBe(a);
    const secondRestartMs = since(t1);
    const t2 = performance.now();
    const before = actives.length;
    startWorker();
    await until(() => [a, b, c].every((id) => count(id, 'completed') === 1));
    const resumedOrder = actives.slice(before);
    expect(resumedOrder.slice(0, 3)).toEqual([a, b, c]);
    const allDoneMs = since(t2);
    for (const id of [a, b, c]) expect({ id, completed: count(id, 'completed'), failed: count(id, 'failed') }).toEqual({ id, completed: 1, failed: 0 });
    expect(count(a, 'stalled')).toBe(2);
    const jobA = await queue.queue.getJob(a);
    expect(jobA?.stalledCounter).toBe(2);
    expect((await readdir(join(storageDir, 'outputs'))).sort()).toEqual([a, b, c].map((id) => `${id}.png`).sort());

    // A third death is one too many: the remix fails with a sentence a visitor can read, and the queue goes on.
    for (const w of workers) await w.kill('SIGTERM');
    const d = await enqueue('visitor-d');
    const e = await enqueue('visitor-e');
    expect(await killMidJob()).toBe(d);
    expect(await killMidJob()).toBe(d);
    expect(await killMidJob()).toBe(d);
    startWorker();
    await until(() => count(d, 'failed') === 1 && count(e, 'completed') === 1);
    const snapshot = await queue.find(d);
    const remix = toRemix(snapshot!, { id: MODEL, version: '1', files: [] }, 'style');
    expect(remix).toMatchObject({ status: 'failed', errorCode: 'worker_crashed', error: expect.stringMatching(/^The remix machine stopped more than once/) });
    expect(remix.error).not.toMatch(/stalled|allowable/);

    printFigures('a worker killed twice (and three times) mid-job', {
      injected: 'SIGKILL of the worker process while it ran remix a (queued before b and c), twice; then remix d, three times',
      clientsSaw: [
        `after each restart the crashed remix ran first: order ${resumedOrder.slice(0, 3).map((id) => (id === a ? 'a' : id === b ? 'b' : 'c')).join(', ')}`,
        'a completed once with one output (2 stalls counted); b and c once each',
        `d, killed a third time: failed, errorCode ${remix.errorCode}: "${remix.error}"; e completed`,
      ],
      timings: { 'second kill → crashed remix running again': secondRestartMs, 'third worker start → a, b, c done': allDoneMs },
      outcome: '3 outputs for 3 remixes, none lost or doubled; WORKER_MAX_STALLED_COUNT 2',
    });
  });
});
