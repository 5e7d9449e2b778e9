/**
 * What a queued remix waits for, read from the real BullMQ keys: the models queued ahead of it in the order
 * the worker takes them (wait list, then the prioritized set by priority and arrival), and those running.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { redisConnection } from '@atelier/inference-service/jobs/connection';
import { REMIX_QUEUE, inputKey, type RemixJobData } from '@atelier/inference-service/jobs/remix.job';
import { BullRemixQueue } from '@atelier/inference-service/repositories/remix-queue.repository';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('work ahead of a queued remix, on the real queue', () => {
  let prefix: string;
  let connections: Redis[];
  let queue: BullRemixQueue;
  let worker: Worker;

  beforeEach(async () => {
    prefix = `test-ahead-${randomUUID().slice(0, 8)}`;
    connections = [redisConnection(REDIS_URL, 'api'), redisConnection(REDIS_URL, 'worker')];
    queue = new BullRemixQueue(connections[0]!, prefix);
    // Manual mode: a job starts only when the test takes it.
    worker = new Worker(REMIX_QUEUE, null, { connection: connections[1]!, prefix, autorun: false });
    await worker.waitUntilReady();
  });

  afterEach(async () => {
    await worker.close(true);
    await queue.queue.obliterate({ force: true });
    await queue.close();
    await Promise.all(connections.map((c) => c.quit()));
  });

  async function add(model: string, priority?: number): Promise<string> {
    const remixId = randomUUID();
    const data: RemixJobData = { remixId, model, tool: 'style', params: {} as never, workIds: [], inputKey: inputKey(remixId), inputSha256: 'a'.repeat(64) };
    await queue.add(data, priority === undefined ? {} : { priority });
    return remixId;
  }

  it('lists the models ahead in the order they will run, and the running ones with their start', async () => {
    const first = await add('isnet-imgly-medium', 1);
    const running = await add('upscalerjs-esrgan-slim', 1);
    const taken = await worker.getNextJob('t', { block: false });
    expect(taken?.id).toBe(first); // the first arrival at priority 1 runs first
    expect(running).not.toBe(first);
    const second = await add('magenta-arbitrary-style', 2);
    const third = await add('whitebox-cartoonizer', 1); // priority 1 overtakes priority 2
    const mine = await add('magenta-arbitrary-style', 2);

    const ahead = await queue.workAhead(mine);
    expect(ahead?.queuedCount).toBe(3);
    expect(ahead?.queued).toEqual(['upscalerjs-esrgan-slim', 'whitebox-cartoonizer', 'magenta-arbitrary-style']);
    expect(ahead?.running).toEqual([{ model: 'isnet-imgly-medium', startedAt: expect.any(Number) }]);
    expect((await queue.find(mine))?.position).toBe(4); // agrees with the position the studio shows

    expect((await queue.workAhead(third))?.queued).toEqual(['upscalerjs-esrgan-slim']);
    expect((await queue.workAhead(second))?.queuedCount).toBe(2);
    expect(await queue.workAhead(first)).toBeNull(); // running, not queued
    expect(await queue.workAhead(randomUUID())).toBeNull();
  });

  it('puts the plain wait list ahead of every prioritized job', async () => {
    const plain = await add('isnet-imgly-medium');
    const prioritized = await add('magenta-arbitrary-style', 1);
    const ahead = await queue.workAhead(prioritized);
    expect(ahead).toEqual({ queued: ['isnet-imgly-medium'], queuedCount: 1, running: [] });
    expect(await queue.workAhead(plain)).toEqual({ queued: [], queuedCount: 0, running: [] });
  });
});
