import { describe, expect, it } from 'vitest';
import { perTest } from '../testing/per-test';
import type { RegionCache } from './work-region.service';

export interface RegionCacheHarness {
  /** A cache bounded at `maxBytes`. */
  cache(maxBytes: number): RegionCache;
  /** The keys the cache holds now (what a storage listing would show). */
  held(): Promise<string[]>;
  close(): Promise<void>;
}

const tile = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

/** What StorageRegionCache does (work-region-cache.test.ts), run against MemoryRegionCache too (work-region.fakes.test.ts). */
export function describeRegionCache(name: string, make: () => Promise<RegionCacheHarness>): void {
  describe(`${name}: the RegionCache contract`, () => {
    const harness = perTest(make);

    it('answers what was put, and null for what was not', async () => {
      const h = await harness();
      const cache = h.cache(1000);
      await cache.put('regions/a/1.jpg', tile(10, 7));
      expect(Buffer.from((await cache.get('regions/a/1.jpg')) ?? [])).toEqual(Buffer.from(tile(10, 7)));
      expect(await cache.get('regions/a/2.jpg')).toBeNull();
    });

    it('stays within its bound, evicting the least recently used tiles first', async () => {
      const h = await harness();
      const cache = h.cache(300);
      await cache.put('regions/a/1.jpg', tile(100));
      await cache.put('regions/a/2.jpg', tile(100));
      await cache.put('regions/a/3.jpg', tile(100));
      await cache.get('regions/a/1.jpg'); // used: 2 is now the least recently used
      await cache.put('regions/a/4.jpg', tile(100));
      expect((await h.held()).sort()).toEqual(['regions/a/1.jpg', 'regions/a/4.jpg']);
      expect(await cache.get('regions/a/2.jpg')).toBeNull();
      expect(await cache.get('regions/a/1.jpg')).not.toBeNull();
    });

    it('never keeps a tile larger than the bound, and refuses keys outside regions/', async () => {
      const h = await harness();
      const cache = h.cache(50);
      await cache.put('regions/a/big.jpg', tile(51));
      expect(await h.held()).toEqual([]);
      await expect(cache.put('works/a/master.png', tile(1))).rejects.toThrow(/regions\//);
    });
  });
}
