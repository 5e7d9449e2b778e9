import { describeRemixQueue } from './remix-queue.contract';
import { MemoryRemixQueue } from './remix-queue.fake';

// The same suite runs against BullRemixQueue on the real Redis (repositories/remix-queue.repository.integration.test.ts).
describeRemixQueue('MemoryRemixQueue', async () => {
  const queue = new MemoryRemixQueue();
  return { queue, worker: queue, close: async () => undefined };
});
