import type { Redis } from 'ioredis';
import { HttpError } from '@atelier/common/errors';
import type { RateCounter } from '@atelier/common/rate-limit';
import { isTransient } from '../jobs/errors';
import { remixKeys } from '../jobs/control';

// KEYS: the counter. ARGV: window ms. The first hit of a window sets its expiry, so a key lives one window at most.
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}
`;

/**
 * common's RateCounter in Redis, beside the queue's keys: every API process counts in the same windows. The keys
 * hold a session id or a keyed hash of an address (never an address: that would be personal data in Redis) and
 * expire with their window.
 */
export class RedisRateCounter implements RateCounter {
  private readonly keys;
  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = remixKeys(prefix);
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    try {
      const [count, ttl] = (await this.redis.eval(HIT, 1, this.keys.rate(key), Math.max(1, Math.round(windowMs)))) as [number, number];
      return { count, resetMs: ttl };
    } catch (err) {
      // Redis down: the same answer as the queue gives then, not a 500.
      if (isTransient(err)) throw new HttpError(503, 'queue_unavailable', 'Remixing is unavailable right now; try again shortly.');
      throw err;
    }
  }
}
