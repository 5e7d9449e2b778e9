import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '@atelier/common/storage.fake';
import { FakeCreations } from './creation.fakes';
import { newCreation } from './creation.contract';
import { GalleryStorageSweeper } from './storage-sweeper';

const HOUR = 3600_000;

async function setUp() {
  const storage = new MemoryStorage();
  const creations = new FakeCreations();
  const now = Date.now();
  const sweeper = new GalleryStorageSweeper({ storage, creations, graceMs: HOUR, now: () => now });
  const put = async (key: string, ageMs: number) => {
    await storage.put(key, Buffer.from('x'));
    storage.modifiedAt.set(key, new Date(now - ageMs));
  };
  return { storage, creations, sweeper, put };
}

describe('GalleryStorageSweeper', () => {
  it("deletes the folder of a publish whose row was never written, once it is past the grace", async () => {
    const { storage, creations, sweeper, put } = await setUp();
    const kept = newCreation(1);
    await creations.insert(kept);
    for (const f of ['full.png', 'working.webp', 'thumb.webp']) {
      await put(`creations/${kept.id}/${f}`, 3 * HOUR);
      await put(`creations/orphan-old/${f}`, 2 * HOUR);
      await put(`creations/orphan-young/${f}`, HOUR / 2);
    }
    await put('works/local-a/thumb.webp', 5 * HOUR);
    await put('regions/local-a/tile.jpg', 5 * HOUR);
    expect(await sweeper.sweep()).toEqual({ temporaries: 0, orphanCreations: 1, orphanFiles: 3, young: 1 });
    const keys = [...storage.objects.keys()].sort();
    expect(keys.filter((k) => k.includes('orphan-old'))).toEqual([]);
    expect(keys.filter((k) => k.startsWith(`creations/${kept.id}/`))).toHaveLength(3);
    expect(keys.filter((k) => k.includes('orphan-young'))).toHaveLength(3);
    expect(keys).toContain('works/local-a/thumb.webp');
    expect(keys).toContain('regions/local-a/tile.jpg');
  });

  it('stops without deleting when the database cannot be read', async () => {
    const { storage, creations, sweeper, put } = await setUp();
    await put('creations/orphan/full.png', 2 * HOUR);
    creations.existingIds = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    await expect(sweeper.sweep()).rejects.toThrow('ECONNREFUSED');
    expect(storage.objects.has('creations/orphan/full.png')).toBe(true);
  });
});
