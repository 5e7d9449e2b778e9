/**
 * BullPrintQueue on the real Redis: print jobs under a private queue prefix, moved by a worker in manual mode (nothing
 * runs by itself), and `finished`, which waits for a job's end by QueueEvents: the path GET /prints/:id/output.png takes.
 */
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { redisConnection } from '../jobs/connection';
import { PRINT_JOB, printKey } from '../jobs/print.job';
import { REMIX_QUEUE, type RemixJobData, type RemixJobResult } from '../jobs/remix.job';
import { BullPrintQueue } from './print-queue.repository';
import { BullRemixQueue } from './remix-queue.repository';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MODEL = 'upscalerjs-esrgan-slim';

describe('BullPrintQueue against the real Redis', () => {
  let prefix: string;
  let connections: Redis[];
  let prints: BullPrintQueue;
  let remixes: BullRemixQueue;
  let worker: Worker<RemixJobData, RemixJobResult>;
  const token = 'print-test';

  beforeEach(async () => {
    prefix = `test-print-queue-${randomUUID().slice(0, 8)}`;
    connections = [redisConnection(REDIS_URL, 'api'), redisConnection(REDIS_URL, 'worker'), redisConnection(REDIS_URL, 'worker')];
    prints = new BullPrintQueue(connections[0]!, connections[1]!, prefix);
    remixes = new BullRemixQueue(connections[0]!, prefix);
    worker = new Worker(REMIX_QUEUE, null, { connection: connections[2]!, prefix, autorun: false });
    await worker.waitUntilReady();
  });

  afterEach(async () => {
    await worker.close(true);
    await prints.close();
    await remixes.queue.obliterate({ force: true });
    const keys = await connections[0]!.keys(`${prefix}:*`);
    if (keys.length) await connections[0]!.del(...keys);
    await remixes.close();
    await Promise.all(connections.map((c) => c.quit()));
  });

  /** The print's job, taken by the manual worker (it is now running). */
  async function take(printId: string): Promise<Job<RemixJobData, RemixJobResult>> {
    const job = await worker.getNextJob(token, { block: false });
    expect([job?.id, job?.name]).toEqual([printId, PRINT_JOB]);
    return job!;
  }

  /** `finished(printId)`, returned once it listens to QueueEvents for the job's end: the job then ends while it waits. */
  async function waiting(printId: string, timeoutMs = 30_000) {
    const events = (prints as unknown as { events: EventEmitter }).events; // its QueueEvents
    const listening = new Promise<void>((resolve) => {
      // BullMQ's waitUntilFinished adds `completed:<id>`, then `failed:<id>`.
      const added = (name: string | symbol) => {
        if (name !== `failed:${printId}`) return;
        events.off('newListener', added);
        resolve();
      };
      events.on('newListener', added);
    });
    const end = prints.finished(printId, timeoutMs);
    await listening;
    return end;
  }

  const result = (printId: string): RemixJobResult => ({
    model: { id: MODEL, version: 't', files: [] },
    output: { key: printKey(printId), sha256: 'a'.repeat(64), width: 2480, height: 1860 },
    finishedAt: new Date().toISOString(),
  });

  it('waits for a running print and answers its stored key and size when it completes', async () => {
    const id = randomUUID();
    await prints.submit(id, randomUUID(), 2480, MODEL);
    const job = await take(id);
    const end = waiting(id);
    await job.moveToCompleted(result(id), token, false);
    expect(await end).toEqual({ state: 'done', key: printKey(id), width: 2480, height: 1860 });
  });

  it("answers a failed print with the first line of the job's reason", async () => {
    const id = randomUUID();
    await prints.submit(id, randomUUID(), 2480, MODEL);
    const job = await take(id);
    const end = waiting(id);
    await job.moveToFailed(new UnrecoverableError('gallery-api answered 404 for the creation\nat stack'), token, false);
    expect(await end).toEqual({ state: 'failed', error: 'gallery-api answered 404 for the creation' });
  });

  it('answers at once for a print that finished before it was asked, and the same print asked twice is one job', async () => {
    const id = randomUUID();
    const creation = randomUUID();
    await prints.submit(id, creation, 2480, MODEL);
    await prints.submit(id, creation, 2480, MODEL);
    expect(await remixes.queue.getJobCounts('prioritized', 'waiting')).toMatchObject({ prioritized: 1, waiting: 0 });
    await (await take(id)).moveToCompleted(result(id), token, false);
    expect(await prints.finished(id, 5_000)).toEqual({ state: 'done', key: printKey(id), width: 2480, height: 1860 });
    // Asked again while its job is kept: no second job, the stored print answers again.
    await prints.submit(id, creation, 2480, MODEL);
    expect(await worker.getNextJob(token, { block: false })).toBeUndefined();
    expect(await prints.finished(id, 5_000)).toMatchObject({ state: 'done', key: printKey(id) });
  });

  it('gives up after its timeout while the print is still queued', async () => {
    const id = randomUUID();
    await prints.submit(id, randomUUID(), 2480, MODEL);
    const end = await waiting(id, 300);
    expect(end.state).toBe('failed');
    expect((end as { error: string }).error).toMatch(/timed out/);
  });

  it('answers missing for an unknown print and for a remix job of that id', async () => {
    expect(await prints.finished(randomUUID(), 1_000)).toEqual({ state: 'missing' });
    const remixId = randomUUID();
    await remixes.add({ remixId, model: 'magenta-arbitrary-style', tool: 'style', params: { styleWorkId: 'w2', strength: 0.5 }, workIds: ['w1'], inputKey: `inputs/${remixId}.png`, inputSha256: 'a'.repeat(64) });
    expect(await prints.finished(remixId, 1_000)).toEqual({ state: 'missing' });
  });
});
