import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { describeRateCounter } from '@atelier/common/rate-counter.contract';
import { redisConnection } from '../jobs/connection';
import { remixKeys } from '../jobs/control';
import { RedisRateCounter } from './rate-counter.repository';

const redis = redisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'api');
const prefix = `test-rate-${randomUUID().slice(0, 8)}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describeRateCounter('RedisRateCounter', async () => ({
  counter: new RedisRateCounter(redis, prefix),
  endWindow: async (key) => void (await redis.del(remixKeys(prefix).rate(key))),
}));
