import { describe, expect, it } from 'vitest';
import { perTest } from '../testing/per-test';
import { runStateOf, trackedRun, type SourceSyncStore } from './collection-sync.service';

export interface SourceSyncHarness {
  sources: SourceSyncStore;
  close(): Promise<void>;
}

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));
const report = { imported: 2, updated: 0, unchanged: 1, refused: 1, failed: 0 };

/**
 * What CollectionSourceRepository does, run against FakeSourceSyncStore (collection-sync.fakes.test.ts) and the real
 * `collection_sources` table (collection-source.repository.integration.test.ts).
 */
export function describeSourceSyncStore(name: string, make: () => Promise<SourceSyncHarness>): void {
  describe(`${name}: the SourceSyncStore contract`, () => {
    const harness = perTest(make);

    it('records a run from its start to its report, and lists sources by name', async () => {
      const { sources } = await harness();
      await sources.markStarted('smk', 'https://api.smk.dk/api/v1', at(0));
      expect(runStateOf((await sources.get('smk')) ?? undefined)).toBe('unfinished');
      await sources.markSynced('smk', 'https://api.smk.dk/api/v1', at(0), report);
      await sources.markStarted('aic', 'https://api.artic.edu/api/v1', at(1));
      expect(await sources.get('smk')).toMatchObject({ baseUrl: 'https://api.smk.dk/api/v1', lastStartedAt: at(0), lastSyncedAt: at(0), lastReport: report, lastFailedAt: null });
      expect(runStateOf((await sources.get('smk')) ?? undefined)).toBe('synced');
      expect((await sources.list()).map((s) => s.source)).toEqual(['aic', 'smk']);
      expect(await sources.get('met')).toBeNull();
    });

    it('records a failed run with its error, and a later successful run as synced again', async () => {
      const { sources } = await harness();
      await sources.markStarted('local', '/data/a', at(0));
      await sources.markSynced('local', '/data/a', at(0), report);
      await sources.markStarted('local', '/data/a', at(5));
      await sources.markFailed('local', at(6), 'works.json is not valid');
      const failed = await sources.get('local');
      expect(failed).toMatchObject({ lastFailedAt: at(6), lastError: 'works.json is not valid', lastSyncedAt: at(0) });
      expect(runStateOf(failed ?? undefined)).toBe('failed');
      await sources.markStarted('local', '/data/a', at(9));
      await sources.markSynced('local', '/data/a', at(9), report);
      expect(runStateOf((await sources.get('local')) ?? undefined)).toBe('synced');
    });

    it('trackedRun marks a run synced with its counts, or failed with the error it throws on', async () => {
      const { sources } = await harness();
      let clock = 0;
      const now = () => at(clock++);
      await trackedRun(sources, 'nga', 'https://nga.example', async () => ({ ...report, outcomes: [] }), now);
      expect(await sources.get('nga')).toMatchObject({ lastReport: report, lastSyncedAt: at(0) });
      await expect(trackedRun(sources, 'nga', 'https://nga.example', async () => Promise.reject(new Error('HTTP 503 from x')), now)).rejects.toThrow('HTTP 503');
      expect(await sources.get('nga')).toMatchObject({ lastError: 'HTTP 503 from x', lastSyncedAt: at(0) });
      expect(runStateOf((await sources.get('nga')) ?? undefined)).toBe('failed');
    });
  });
}
