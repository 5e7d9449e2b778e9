/**
 * The storage sweeper on the real Redis: real BullMQ jobs in a private queue prefix, moved to each state by a
 * worker in manual mode (no processor, nothing runs by itself, so nothing needs waiting for), and a temporary
 * LocalDirStorage whose files are aged with utimes. One sweep, then exactly which files are left.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { LocalDirStorage } from '@atelier/common';
import { redisConnection } from '@atelier/inference-service/jobs/connection';
import { REMIX_QUEUE, inputKey, outputKey, type RemixJobData } from '@atelier/inference-service/jobs/remix.job';
import { PRINT_JOB, printKey } from '@atelier/inference-service/jobs/print.job';
import { BullPrintQueue } from '@atelier/inference-service/repositories/print-queue.repository';
import { BullRemixQueue } from '@atelier/inference-service/repositories/remix-queue.repository';
import { QueueUnavailableError } from '@atelier/inference-service/services/remix-queue';
import { StorageSweeper, SweepInterruptedError } from '@atelier/inference-service/services/storage-sweeper';
import { QUEUE_BINDING_KEY, QueueBindingError, bindStorageToQueue } from '@atelier/inference-service/services/queue-binding';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('storage sweep against the real queue', () => {
  let prefix: string;
  let connections: Redis[];
  let queue: BullRemixQueue;
  let worker: Worker;
  let root: string;
  let storage: LocalDirStorage;
  const token = 'sweep-test';

  beforeEach(async () => {
    prefix = `test-sweep-${randomUUID().slice(0, 8)}`;
    connections = [redisConnection(REDIS_URL, 'api'), redisConnection(REDIS_URL, 'worker')];
    queue = new BullRemixQueue(connections[0]!, prefix);
    // Manual mode: jobs move only when the test moves them.
    worker = new Worker(REMIX_QUEUE, null, { connection: connections[1]!, prefix, autorun: false });
    await worker.waitUntilReady();
    root = await mkdtemp(join(tmpdir(), 'sweep-'));
    storage = new LocalDirStorage(root);
    expect(await bindStorageToQueue(storage, prefix)).toBe('bound'); // as the API does at start
  });

  afterEach(async () => {
    await worker.close(true);
    await queue.queue.obliterate({ force: true });
    const keys = await connections[0]!.keys(`${prefix}:*`);
    if (keys.length) await connections[0]!.del(...keys);
    await queue.close();
    await Promise.all(connections.map((c) => c.quit()));
    await rm(root, { recursive: true, force: true });
  });

  const data = (remixId: string): RemixJobData => ({
    remixId,
    model: 'magenta-arbitrary-style',
    tool: 'style',
    params: { styleWorkId: 'w2', strength: 0.5 },
    workIds: ['w1'],
    inputKey: inputKey(remixId),
    inputSha256: 'a'.repeat(64),
  });

  /** A job in the queue, taken by the (manual) worker when it must be active or finished. */
  async function job(end: 'waiting' | 'active' | 'completed' | 'failed' | 'cancelled' | 'expired'): Promise<string> {
    const id = randomUUID();
    await queue.add(data(id));
    if (end === 'waiting') return id;
    if (end === 'cancelled') {
      expect(await queue.cancel(id)).toBe('removed');
      return id;
    }
    const taken = await worker.getNextJob(token, { block: false });
    expect(taken?.id).toBe(id);
    if (end === 'completed' || end === 'expired') await taken!.moveToCompleted({ ok: true }, token, false);
    if (end === 'failed') await taken!.moveToFailed(new UnrecoverableError('bad image'), token);
    if (end === 'expired') await queue.queue.remove(id); // what removeOnComplete does after 14 days
    return id;
  }

  /** A file under `key`, last written `ageMs` ago. */
  async function file(key: string, ageMs: number): Promise<string> {
    await storage.put(key, Buffer.alloc(1000));
    const at = new Date(Date.now() - ageMs);
    await utimes(join(root, key), at, at);
    return key;
  }

  async function keys(): Promise<string[]> {
    const out: string[] = [];
    for await (const o of storage.list('')) out.push(o.key);
    return out.sort();
  }

  it('deletes finished inputs past the grace and outputs of expired jobs past the retention, nothing else', async () => {
    // In this order: the manual worker takes the next job in the queue, so the waiting one comes last.
    const [completed, fresh, failed, cancelled, expired, active, waiting] = [
      await job('completed'),
      await job('completed'),
      await job('failed'),
      await job('cancelled'),
      await job('expired'),
      await job('active'),
      await job('waiting'),
    ];
    expect(Object.fromEntries(await queue.states([completed, failed, cancelled, expired, active, waiting]))).toEqual({
      [completed]: 'completed',
      [failed]: 'failed',
      [cancelled]: 'cancelled',
      [expired]: null,
      [active]: 'running',
      [waiting]: 'queued',
    });
    const neverQueued = randomUUID(); // e.g. the enqueue failed after the input was stored
    const old = 2 * 60 * MIN;

    const deleted = [
      await file(inputKey(completed), old),
      await file(inputKey(failed), old),
      await file(inputKey(cancelled), old),
      await file(inputKey(expired), old),
      await file(inputKey(neverQueued), old),
      await file(outputKey(expired), 15 * DAY),
      await file(outputKey(neverQueued), 15 * DAY),
    ];
    const kept = [
      await file(inputKey(active), old),
      await file(inputKey(waiting), 3 * DAY),
      await file(inputKey(fresh), 5 * MIN),
      await file(outputKey(completed), 15 * DAY), // its job still exists: the API still serves it
      await file(outputKey(failed), 15 * DAY),
      await file(outputKey(cancelled), 15 * DAY), // the cancel's tombstone still answers for the remix
      await file(outputKey(active), 15 * DAY),
      await file(outputKey(randomUUID()), 2 * DAY), // gone, but younger than the retention
      await file('inputs/stray.png', 100 * DAY),
      await file(`outputs/${randomUUID()}.webp`, 100 * DAY),
      await file(`works/${randomUUID()}.png`, 100 * DAY),
    ];

    // What a crash between write and rename leaves: gone once older than the input grace (an hour).
    const leftover = (name: string) => join(root, 'inputs', `${name}.png.${randomUUID()}.tmp`);
    const [staleTmp, freshTmp] = [leftover('stale'), leftover('fresh')];
    await writeFile(staleTmp, 'half');
    await writeFile(freshTmp, 'half');
    await utimes(staleTmp, new Date(Date.now() - 2 * 60 * MIN), new Date(Date.now() - 2 * 60 * MIN));

    const sweeper = new StorageSweeper({ storage, queue, queuePrefix: prefix, batchSize: 3 });
    const report = await sweeper.sweep();

    expect(await keys()).toEqual([QUEUE_BINDING_KEY, ...kept].sort());
    expect(report).toMatchObject({ inputsDeleted: 5, outputsDeleted: 2, temporariesDeleted: 1, bytesFreed: 7000, failed: 0, ignored: 2 });
    expect((await readdir(join(root, 'inputs'))).filter((f) => f.endsWith('.tmp'))).toEqual([freshTmp.split('/').pop()]);
    expect(report.scanned).toBe(deleted.length + kept.length - 1); // works/ is not swept
    // The queue is untouched: the sweeper only reads job states.
    expect(await queue.states([active, waiting])).toEqual(new Map([[active, 'running'], [waiting, 'queued']]));
  });

  it('deletes prints whose print job is gone once older than a day, and keeps a print its job still serves', async () => {
    // Print jobs as the print route makes them (job id = print id, on the remix queue), run by the manual worker.
    const eventsConnection = redisConnection(REDIS_URL, 'worker');
    const prints = new BullPrintQueue(connections[0]!, eventsConnection, prefix);
    try {
      const print = async (end: 'waiting' | 'completed' | 'expired') => {
        const id = randomUUID();
        await prints.submit(id, randomUUID(), 2480, 'upscalerjs-esrgan-slim');
        if (end === 'waiting') return id;
        const taken = await worker.getNextJob(token, { block: false });
        expect([taken?.id, taken?.name]).toEqual([id, PRINT_JOB]);
        await taken!.moveToCompleted({ ok: true }, token, false);
        if (end === 'expired') await queue.queue.remove(id); // what removeOnComplete does after a day
        return id;
      };
      const [served, expired, remade, waiting] = [await print('completed'), await print('expired'), await print('expired'), await print('waiting')];
      const deleted = [await file(printKey(expired), 2 * DAY), await file(printKey(randomUUID()), 30 * DAY)];
      const kept = [
        await file(printKey(served), 20 * DAY), // asking again reuses it while its job exists
        await file(printKey(remade), 60 * MIN), // its job is gone but it is younger than a day
        await file(printKey(waiting), 2 * DAY),
        await file(`prints/${randomUUID()}.png.part`, 100 * DAY),
      ];
      const report = await new StorageSweeper({ storage, queue, queuePrefix: prefix }).sweep();
      expect(await keys()).toEqual([QUEUE_BINDING_KEY, ...kept].sort());
      expect(report).toMatchObject({ printsDeleted: 2, inputsDeleted: 0, outputsDeleted: 0, bytesFreed: 2000, kept: 3, ignored: 1, failed: 0 });
      for (const key of deleted) expect(await storage.exists(key), key).toBe(false);
    } finally {
      await prints.close();
      eventsConnection.disconnect();
    }
  });

  it('deletes nothing when Redis cannot be reached', async () => {
    const id = await job('completed');
    await queue.queue.remove(id);
    const files = [await file(inputKey(id), DAY), await file(outputKey(id), 20 * DAY)];
    const down = redisConnection('redis://127.0.0.1:1', 'api');
    down.on('error', () => {});
    const unreachable = new BullRemixQueue(down, prefix, 300);
    unreachable.queue.on('error', () => {});
    try {
      const err = await new StorageSweeper({ storage, queue: unreachable, queuePrefix: prefix }).sweep().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SweepInterruptedError);
      expect((err as SweepInterruptedError).cause).toBeInstanceOf(QueueUnavailableError);
    } finally {
      down.disconnect();
    }
    expect(await keys()).toEqual([QUEUE_BINDING_KEY, ...files].sort());
  });

  it('refuses to sweep a folder bound to another queue prefix, where every job would look gone', async () => {
    const waiting = await job('waiting');
    const files = [await file(inputKey(waiting), 3 * DAY)];
    expect(await new StorageSweeper({ storage, queue, queuePrefix: prefix }).sweep()).toMatchObject({ inputsDeleted: 0, kept: 1 });

    // A worker started with another QUEUE_PREFIX but the same folder: its queue has never heard of `waiting`.
    const otherPrefix = `${prefix}-other`;
    const other = new BullRemixQueue(connections[0]!, otherPrefix);
    try {
      expect(await other.states([waiting])).toEqual(new Map([[waiting, null]]));
      const err = await new StorageSweeper({ storage, queue: other, queuePrefix: otherPrefix }).sweep().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SweepInterruptedError);
      expect((err as SweepInterruptedError).cause).toBeInstanceOf(QueueBindingError);
      expect((err as Error).message).toContain(`QUEUE_PREFIX="${otherPrefix}"`);
    } finally {
      await other.close();
    }
    expect(await keys()).toEqual([QUEUE_BINDING_KEY, ...files].sort());
  });
});
