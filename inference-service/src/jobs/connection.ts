import { Redis } from 'ioredis';

/**
 * Workers and QueueEvents block on Redis, so they need `maxRetriesPerRequest: null`. The API's queue
 * connection fails fast instead, so a request answers 503 rather than hanging while Redis is down.
 */
export function redisConnection(url: string, role: 'worker' | 'api'): Redis {
  return role === 'worker'
    ? new Redis(url, { maxRetriesPerRequest: null })
    : new Redis(url, { maxRetriesPerRequest: 1 });
}
