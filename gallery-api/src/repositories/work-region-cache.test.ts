import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalDirStorage } from '@atelier/common';
import { describeRegionCache } from '../services/work-region-cache.contract';
import { StorageRegionCache } from './work-region-cache';

async function keys(storage: LocalDirStorage): Promise<string[]> {
  const out: string[] = [];
  for await (const o of storage.list('regions/')) out.push(o.key);
  return out;
}

describeRegionCache('StorageRegionCache (a local folder)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-region-cache-'));
  const storage = new LocalDirStorage(dir);
  return {
    cache: (maxBytes) => new StorageRegionCache(storage, maxBytes),
    held: () => keys(storage),
    close: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('StorageRegionCache across a restart', () => {
  it('finds the tiles a previous process left and holds them to the bound', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atelier-region-cache-'));
    try {
      const storage = new LocalDirStorage(dir);
      const before = new StorageRegionCache(storage, 10_000);
      for (const n of [1, 2, 3]) {
        await before.put(`regions/w/${n}.jpg`, new Uint8Array(100));
        await utimes(join(dir, `regions/w/${n}.jpg`), 1_700_000_000 + n, 1_700_000_000 + n);
      }
      const after = new StorageRegionCache(storage, 250);
      expect(await after.usage()).toEqual({ bytes: 200, tiles: 2 });
      expect(await after.get('regions/w/3.jpg')).not.toBeNull();
      expect((await keys(storage)).length).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
