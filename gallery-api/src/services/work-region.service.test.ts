import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '@atelier/common/storage.fake';
import type { WorkRegion } from '@atelier/contracts/canvas.schema';
import type { PixelRegion } from './collection-work';
import { MemoryRegionCache } from './work-region.fakes';
import { createWorkRegionService, snapRegion, type RegionImages } from './work-region.service';
import { FakeWorkStore, workOf } from './work.fakes';

/** Records what was asked; answers bytes that name the tile. */
class FakeRegionImages implements RegionImages {
  readonly iiif: { service: string; iiifRegion: PixelRegion | null; region: WorkRegion; size: number }[] = [];
  readonly crops: WorkRegion[] = [];
  fail = false;
  async fetchIiif(work: { source: string; iiifService: string; iiifRegion: PixelRegion | null }, region: WorkRegion, size: number) {
    if (this.fail) throw new Error('unreachable');
    this.iiif.push({ service: work.iiifService, iiifRegion: work.iiifRegion, region, size });
    return Buffer.from(`tile ${region.x},${region.y},${region.w},${region.h}`);
  }
  async crop(_original: Uint8Array, region: WorkRegion) {
    this.crops.push(region);
    return Buffer.from(`crop ${region.x},${region.y},${region.w},${region.h}`);
  }
  async cut(tile: Uint8Array, tileRegion: WorkRegion, region: WorkRegion, size: number) {
    return Buffer.from(`${Buffer.from(tile).toString()} | ${tileRegion.x},${tileRegion.y} → ${region.x},${region.y},${region.w},${region.h} @${size}`);
  }
}

function setup(extra: Parameters<typeof workOf>[2] = {}, cacheBytes = Infinity) {
  const works = new FakeWorkStore([workOf('w', 'cc0', { width: 1600, height: 1200, iiifService: 'https://iiif.example/w', imageKeys: { original: 'works/w/master.png' }, ...extra })]);
  const storage = new MemoryStorage();
  const images = new FakeRegionImages();
  const cache = new MemoryRegionCache(cacheBytes);
  return { storage, images, cache, service: createWorkRegionService({ works, storage, images, cache }) };
}

describe('snapRegion', () => {
  it('grows a region outward to a power-of-two grid of about 256 cells on the long side, inside the work', () => {
    expect(snapRegion({ x: 100, y: 200, w: 800, h: 400 }, { width: 1600, height: 1200 }, 512)).toEqual({ tile: { x: 96, y: 200, w: 808, h: 400 }, tileSize: 512 });
    expect(snapRegion({ x: 101, y: 203, w: 797, h: 395 }, { width: 1600, height: 1200 }, 500)).toEqual({ tile: { x: 96, y: 200, w: 808, h: 400 }, tileSize: 512 });
    expect(snapRegion({ x: 1599, y: 1199, w: 1, h: 1 }, { width: 1600, height: 1200 }, 16)).toEqual({ tile: { x: 1592, y: 1192, w: 8, h: 8 }, tileSize: 256 });
    expect(snapRegion({ x: 3, y: 3, w: 10, h: 10 }, { width: 200, height: 100 }, 1024)).toEqual({ tile: { x: 3, y: 3, w: 10, h: 10 }, tileSize: 1024 });
  });
});

describe('the region service', () => {
  it('fetches the snapped tile once, then answers nearby regions from the cache, each cut exactly', async () => {
    const { service, images, cache } = setup();
    const first = await service.region('w', { x: 100, y: 200, w: 800, h: 400 }, 512);
    expect(first.via).toBe('iiif');
    expect(Buffer.from(first.bytes).toString()).toBe('tile 96,200,808,400 | 96,200 → 100,200,800,400 @512');
    const nudged = await service.region('w', { x: 101, y: 203, w: 797, h: 395 }, 500);
    expect(nudged.via).toBe('cache');
    expect(Buffer.from(nudged.bytes).toString()).toBe('tile 96,200,808,400 | 96,200 → 101,203,797,395 @500');
    expect(images.iiif).toHaveLength(1);
    expect(cache.tiles.size).toBe(1);
  });

  it("hands the work's painted region to the image fetch, so details land on the right pixels of the service", async () => {
    const { service, images } = setup({ iiifRegion: { x: 140, y: 870, w: 1600, h: 1200 } });
    await service.region('w', { x: 0, y: 0, w: 64, h: 64 }, 256);
    expect(images.iiif[0]).toMatchObject({ service: 'https://iiif.example/w', iiifRegion: { x: 140, y: 870, w: 1600, h: 1200 }, region: { x: 0, y: 0, w: 64, h: 64 } });
  });

  it('cuts the stored master when the museum cannot be reached or refuses, and keeps that tile too', async () => {
    const { service, images, storage, cache } = setup();
    await storage.put('works/w/master.png', Buffer.from('png'));
    images.fail = true;
    const res = await service.region('w', { x: 0, y: 0, w: 100, h: 100 }, 1024);
    expect(res.via).toBe('crop');
    expect(images.crops).toEqual([{ x: 0, y: 0, w: 104, h: 104 }]);
    expect([...cache.tiles.keys()][0]).toMatch(/^regions\/w\/ffffffffffff-0_0_104_104_1024\.jpg$/);
  });

  it('keeps the cache within its bound however many distinct regions are asked', async () => {
    const { service, cache } = setup({}, 200);
    for (let i = 0; i < 40; i++) await service.region('w', { x: i * 32, y: 0, w: 16, h: 16 }, 256);
    expect(cache.bytes()).toBeLessThanOrEqual(200);
    expect(cache.tiles.size).toBeLessThan(40);
  });

  it('answers the detail when the cache cannot be read or written (a full disk)', async () => {
    const { images } = setup();
    const works = new FakeWorkStore([workOf('w', 'cc0', { width: 1600, height: 1200, iiifService: 'https://iiif.example/w' })]);
    const broken = { get: async () => Promise.reject(new Error('EIO')), put: async () => Promise.reject(new Error('ENOSPC')) };
    const service = createWorkRegionService({ works, storage: new MemoryStorage(), images, cache: broken });
    expect((await service.region('w', { x: 0, y: 0, w: 64, h: 64 }, 256)).via).toBe('iiif');
  });
});
