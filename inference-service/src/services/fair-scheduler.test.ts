import { describe, expect, it } from 'vitest';
import { estimateFromWorkAhead, FairScheduler, queuedEstimateSeconds, type FairnessStore } from './fair-scheduler';
import type { JobState, WorkAhead } from './remix-queue';

const AVG: Record<string, number> = { magenta: 1000, isnet: 6000, esrgan: 3000 };
const NOW = 1_000_000;

describe('estimateFromWorkAhead', () => {
  it('adds each queued job at its own model’s time, what is left of the running ones, then this remix', () => {
    const ahead: WorkAhead = { queued: ['isnet', 'magenta', 'esrgan'], queuedCount: 3, running: [{ model: 'isnet', startedAt: NOW - 2000 }] };
    // (6 + 1 + 3) s queued + (6 − 2) s left of the running cut-out, one slot, then 1 s of Magenta.
    expect(estimateFromWorkAhead(ahead, (m) => AVG[m]!, 1000, 1, NOW)).toBe(15);
    // Two slots share the work ahead.
    expect(estimateFromWorkAhead(ahead, (m) => AVG[m]!, 1000, 2, NOW)).toBe(8);
  });

  it('counts a running job of unknown start as half done and one past its average as done', () => {
    const ahead: WorkAhead = { queued: [], queuedCount: 0, running: [{ model: 'esrgan' }, { model: 'isnet', startedAt: NOW - 60_000 }] };
    expect(estimateFromWorkAhead(ahead, (m) => AVG[m]!, 1000, 1, NOW)).toBe(3); // 1.5 + 0 + 1
  });

  it('extrapolates a queue longer than what was read at the mean of what was read', () => {
    const ahead: WorkAhead = { queued: ['magenta', 'esrgan'], queuedCount: 10, running: [] };
    expect(estimateFromWorkAhead(ahead, (m) => AVG[m]!, 1000, 1, NOW)).toBe(21); // 10 × 2 s + 1 s
    expect(estimateFromWorkAhead({ queued: [], queuedCount: 4, running: [] }, (m) => AVG[m]!, 1000, 1, NOW)).toBe(5);
  });

  it('equals the plain estimate for a queue of one model with a job half done', () => {
    const ahead: WorkAhead = { queued: ['magenta', 'magenta'], queuedCount: 2, running: [{ model: 'magenta' }] };
    expect(estimateFromWorkAhead(ahead, () => 2000, 2000, 1, NOW)).toBe(queuedEstimateSeconds(2000, 3, 1));
  });
});

describe('FairScheduler.estimateSeconds', () => {
  function scheduler(ahead: WorkAhead | null, averages: Record<string, number>) {
    const store = { averageDuration: async (m: string) => averages[m] } as unknown as FairnessStore;
    const queue = {
      states: async () => new Map<string, JobState | null>(),
      capacity: async () => 1,
      workAhead: async () => ahead,
    };
    return new FairScheduler(store, queue, { maxPending: 3, maxPerHour: 60, groupShare: 4 });
  }

  it('uses the models ahead; a model that has not run yet counts like this remix’s own', async () => {
    const s = scheduler({ queued: ['isnet', 'never-ran'], queuedCount: 2, running: [] }, { magenta: 1000, isnet: 6000 });
    expect(await s.estimateSeconds({ id: 'r', model: 'magenta', state: 'queued', position: 3 })).toBe(8); // 6 + 1 + 1
  });

  it('falls back to the plain estimate when the remix is no longer queued, and says nothing without a run time', async () => {
    expect(await scheduler(null, { magenta: 2000 }).estimateSeconds({ id: 'r', model: 'magenta', state: 'queued', position: 3 })).toBe(
      queuedEstimateSeconds(2000, 3, 1),
    );
    expect(await scheduler(null, {}).estimateSeconds({ id: 'r', model: 'magenta', state: 'queued', position: 1 })).toBeUndefined();
    expect(await scheduler(null, { magenta: 2000 }).estimateSeconds({ id: 'r', model: 'magenta', state: 'completed' })).toBeUndefined();
  });
});
