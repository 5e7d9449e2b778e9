/**
 * Issue 10, item 4 (the region cache): every distinct region request used to store a new file of its own that was
 * never evicted, so anyone could fill the disk by stepping a region a pixel at a time. Regions now snap to a grid
 * (nearby requests share one tile) and the tiles are held to a byte bound (GALLERY_REGION_CACHE_MB), least recently
 * used first out.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorks } from '@atelier/gallery-api/services/collection-import.service';
import { startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';

const CAP_MB = 0.03; // about 31 KB: a few dozen small tiles

let g: TestGallery;

beforeAll(async () => {
  g = await startTestGallery({ env: { GALLERY_REGION_CACHE_MB: String(CAP_MB) } });
  // A noisy image, so tiles are not trivially small.
  const noise = Buffer.alloc(1024 * 768 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  const jpeg = await sharp(noise, { raw: { width: 1024, height: 768, channels: 3 } }).jpeg().toBuffer();
  const report = await importWorks([{
    source: 'test', sourceId: 'noise', title: 'Noise', creator: null, creatorLife: null, dateDisplay: null, medium: null, description: null,
    institution: null, landingUrl: null, rightsStatement: null, licence: 'https://creativecommons.org/publicdomain/zero/1.0/', attribution: null,
    image: { expectedSha256: null, read: async () => jpeg },
  }], g.gallery.importing);
  expect(report.imported).toBe(1);
});
afterAll(async () => g?.close());

/** Every region file on disk, wherever a version of the gallery put them, and their bytes. */
async function regionFiles(): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  async function walk(dir: string, inRegions: boolean): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path, inRegions || entry.name === 'regions');
      else if (inRegions && entry.name.endsWith('.jpg')) {
        files++;
        bytes += (await stat(path)).size;
      }
    }
  }
  await walk(g.storageDir, false);
  return { files, bytes };
}

const region = (q: string) => g.app.inject({ method: 'GET', url: `/api/gallery/works/test-noise/region?${q}` });

describe('the region cache', () => {
  it('keeps one tile for regions a pixel apart', async () => {
    const before = await regionFiles();
    for (let dx = 0; dx < 4; dx++) {
      const res = await region(`x=${100 + dx}&y=${100 + dx}&w=${200 - dx}&h=${150 - dx}&size=256`);
      expect(res.statusCode).toBe(200);
    }
    expect((await regionFiles()).files - before.files).toBe(1);
  });

  it('stays within its byte bound however many distinct regions are asked', async () => {
    for (let i = 0; i < 60; i++) {
      const res = await region(`x=${(i % 12) * 80}&y=${Math.floor(i / 12) * 120}&w=64&h=64&size=256`);
      expect(res.statusCode).toBe(200);
    }
    const { files, bytes } = await regionFiles();
    expect(bytes).toBeLessThanOrEqual(CAP_MB * 1024 * 1024);
    expect(files).toBeLessThan(60);
  });
});
