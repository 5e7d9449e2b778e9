/**
 * Container health check for the worker: Redis answers and at least one worker is attached to the remix
 * queue (a stuck worker loses its Redis client and drops out of the list). Exit 0 healthy, 1 not.
 */
import { Queue } from 'bullmq';
import { loadConfig } from './config';
import { redisConnection } from './jobs/connection';
import { REMIX_QUEUE } from './jobs/remix.job';

const config = loadConfig();
const connection = redisConnection(config.redisUrl, 'api');
const queue = new Queue(REMIX_QUEUE, { connection, prefix: config.queuePrefix });
let healthy = false;
try {
  const workers = await queue.getWorkers();
  healthy = workers.length > 0;
} catch {
  healthy = false;
} finally {
  await queue.close().catch(() => undefined);
  connection.disconnect();
}
process.exit(healthy ? 0 : 1);
