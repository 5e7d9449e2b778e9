import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TooManyRequestsError } from './errors';
import { describeRateCounter } from './rate-counter.contract';
import { MemoryRateCounter, RateLimiter } from './rate-limit';

describeRateCounter('MemoryRateCounter', async () => {
  const counter = new MemoryRateCounter();
  return { counter, endWindow: async (key) => counter.endWindow(key) };
});

const pseudonym = (purpose: string, value: string) => createHash('sha256').update(`${purpose}:${value}`).digest('hex');

describe('RateLimiter', () => {
  const rule = { name: 'publish', perSession: { max: 2, windowMs: 60_000 }, perAddress: { max: 3, windowMs: 600_000 }, message: 'Slow down.' };

  it('refuses past the per-session budget with 429 and Retry-After seconds, others unaffected', async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(new MemoryRateCounter(() => now), pseudonym);
    await limiter.check(rule, { sessionId: 'a', address: '10.0.0.1' });
    now += 10_000;
    await limiter.check(rule, { sessionId: 'a', address: '10.0.0.1' });
    const err = await limiter.check(rule, { sessionId: 'a', address: '10.0.0.1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooManyRequestsError);
    expect(err).toMatchObject({ statusCode: 429, code: 'rate_limited', retryAfterSeconds: 50, details: { per: 'session', retryAfterSeconds: 50 } });
    // The address still has budget for another session.
    await limiter.check(rule, { sessionId: 'b', address: '10.0.0.2' });
  });

  it('refuses past the per-address budget, whatever the session', async () => {
    const limiter = new RateLimiter(new MemoryRateCounter(), pseudonym);
    for (const s of ['a', 'b', 'c']) await limiter.check(rule, { sessionId: s, address: '10.0.0.9' });
    await expect(limiter.check(rule, { sessionId: 'd', address: '10.0.0.9' })).rejects.toMatchObject({ details: { per: 'address' } });
    await limiter.check(rule, { sessionId: 'e', address: '10.0.0.10' });
  });

  it('counts addresses only under their keyed hash, and a max of 0 switches a limit off', async () => {
    const counter = new MemoryRateCounter();
    const limiter = new RateLimiter(counter, pseudonym);
    await limiter.check({ ...rule, perSession: { max: 0, windowMs: 1000 } }, { sessionId: 'a', address: '203.0.113.7' });
    expect(counter.keys()).toHaveLength(1);
    expect(counter.keys()[0]).toMatch(/^rate:publish:a:/);
    expect(counter.keys().join()).not.toContain('203.0.113.7');
  });
});

describe('MemoryRateCounter', () => {
  it('stays bounded: ended windows go first, then the oldest', async () => {
    let now = 0;
    const counter = new MemoryRateCounter(() => now, 3);
    await counter.hit('a', 10);
    await counter.hit('b', 1000);
    await counter.hit('c', 1000);
    now = 20;
    await counter.hit('d', 1000); // 'a' has ended and goes
    expect(counter.keys().sort()).toEqual(['b', 'c', 'd']);
    await counter.hit('e', 1000); // all live: the oldest goes
    expect(counter.keys().sort()).toEqual(['c', 'd', 'e']);
  });
});
