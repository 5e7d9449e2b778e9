import { describeRegionCache } from './work-region-cache.contract';
import { MemoryRegionCache } from './work-region.fakes';

describeRegionCache('MemoryRegionCache', async () => {
  let cache: MemoryRegionCache | undefined;
  return {
    cache: (maxBytes) => (cache = new MemoryRegionCache(maxBytes)),
    held: async () => [...(cache?.tiles.keys() ?? [])],
    close: async () => undefined,
  };
});
