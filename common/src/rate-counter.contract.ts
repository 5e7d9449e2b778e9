import { describe, expect, it } from 'vitest';
import type { RateCounter } from './rate-limit';

export interface RateCounterHarness {
  counter: RateCounter;
  /** Ends the key's current window, as time passing would. */
  endWindow(key: string): Promise<void>;
}

/**
 * What every RateCounter does, run against MemoryRateCounter (rate-limit.test.ts) and inference-service's Redis
 * counter (rate-counter.repository.integration.test.ts), so the in-memory one cannot drift from it.
 */
export function describeRateCounter(name: string, make: () => Promise<RateCounterHarness>): void {
  describe(`${name}: the RateCounter contract`, () => {
    it('counts hits per key within a window and says when the window ends', async () => {
      const { counter } = await make();
      const key = `k-${Math.random()}`;
      expect((await counter.hit(key, 60_000)).count).toBe(1);
      expect((await counter.hit(key, 60_000)).count).toBe(2);
      const third = await counter.hit(key, 60_000);
      expect(third.count).toBe(3);
      expect(third.resetMs).toBeGreaterThan(0);
      expect(third.resetMs).toBeLessThanOrEqual(60_000);
      expect((await counter.hit(`${key}-other`, 60_000)).count).toBe(1);
    });

    it('counts simultaneous hits once each', async () => {
      const { counter } = await make();
      const key = `k-${Math.random()}`;
      const counts = (await Promise.all(Array.from({ length: 20 }, () => counter.hit(key, 60_000)))).map((r) => r.count);
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('starts again at 1 once the window has ended', async () => {
      const { counter, endWindow } = await make();
      const key = `k-${Math.random()}`;
      await counter.hit(key, 60_000);
      await counter.hit(key, 60_000);
      await endWindow(key);
      expect((await counter.hit(key, 60_000)).count).toBe(1);
    });
  });
}
