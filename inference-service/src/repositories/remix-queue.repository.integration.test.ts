import { randomUUID } from 'node:crypto';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { redisConnection } from '../jobs/connection';
import { REMIX_QUEUE, type RemixJobData, type RemixJobResult } from '../jobs/remix.job';
import { describeRemixQueue } from '../services/remix-queue.contract';
import { BullRemixQueue } from './remix-queue.repository';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// The suite MemoryRemixQueue passes too (services/remix-queue.fake.test.ts), here on the real Redis, each
// queue under its own prefix. A worker in manual mode takes jobs only when the suite says so.
describeRemixQueue('BullRemixQueue', async () => {
  const prefix = `test-contract-${randomUUID().slice(0, 8)}`;
  const connections = [redisConnection(REDIS_URL, 'api'), redisConnection(REDIS_URL, 'worker')] as const;
  const queue = new BullRemixQueue(connections[0], prefix);
  const worker = new Worker<RemixJobData, RemixJobResult>(REMIX_QUEUE, null, { connection: connections[1], prefix, autorun: false });
  await worker.waitUntilReady();
  const token = 'contract';
  const taken = new Map<string, Job<RemixJobData, RemixJobResult>>();
  const job = (id: string) => {
    const j = taken.get(id);
    if (!j) throw new Error(`remix ${id} is not running`);
    return j;
  };
  return {
    queue,
    worker: {
      async take() {
        const next = await worker.getNextJob(token, { block: false });
        if (next?.id) taken.set(next.id, next);
        return next?.id;
      },
      progress: (id, progress) => job(id).updateProgress(progress),
      complete: async (id, result) => void (await job(id).moveToCompleted(result, token, false)),
      fail: async (id, reason) => void (await job(id).moveToFailed(new UnrecoverableError(reason), token, false)),
    },
    async close() {
      await worker.close(true);
      await queue.queue.obliterate({ force: true });
      const keys = await connections[0].keys(`${prefix}:*`);
      if (keys.length) await connections[0].del(...keys);
      await queue.close();
      await Promise.all(connections.map((c) => c.quit()));
    },
  };
});
