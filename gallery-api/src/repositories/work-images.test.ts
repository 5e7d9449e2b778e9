/**
 * Issue 15, defect 8: an imported image is an upload too. It passes the limits a visitor's upload passes (common's
 * cleanImageUpload), and the master that is stored is cleaned of EXIF, GPS and maker data.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_LIMITS } from '@atelier/common/image-upload';
import { WorkImageProblem } from '../services/collection-import.service';
import { cameraJpeg, CAMERA_TRACES, pngClaiming } from '../testing/hostile-images';
import { IMPORT_IMAGE_LIMITS, SharpWorkImageRenderer } from './work-images';

describe('SharpWorkImageRenderer', () => {
  const renderer = new SharpWorkImageRenderer();

  it('uses the visitor upload limits', () => {
    expect(IMPORT_IMAGE_LIMITS).toEqual(DEFAULT_UPLOAD_LIMITS);
  });

  it.each([
    ['a 20000×1 strip', 20000, 1],
    ['a 12000×12000 image (144 MP)', 12000, 12000],
  ])('refuses %s as an upload would be refused', async (_name, w, h) => {
    const bytes = await pngClaiming(w, h);
    const err = await renderer.render(bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkImageProblem);
    expect((err as Error).message).toMatch(new RegExp(`refused as an upload would be: The image is ${w}×${h} pixels`));
  });

  it('stores a master without EXIF, GPS or maker data, its pixels intact', async () => {
    const original = await cameraJpeg();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const out = await renderer.render(original);
    const master = await sharp(out.master).metadata();
    expect([out.masterExt, master.format, master.width, master.height, master.exif, master.xmp, master.iptc]).toEqual(['png', 'png', 640, 480, undefined, undefined, undefined]);
    for (const trace of CAMERA_TRACES) expect(Buffer.from(out.master).includes(trace)).toBe(false);
    for (const rendition of [out.working, out.thumb]) expect((await sharp(rendition).metadata()).exif).toBeUndefined();
  });

  it('refuses what is not an image, or is truncated', async () => {
    await expect(renderer.render(Buffer.from('<html>Not found</html>'))).rejects.toBeInstanceOf(WorkImageProblem);
    const jpeg = await cameraJpeg();
    await expect(renderer.render(jpeg.subarray(0, jpeg.length - 400))).rejects.toBeInstanceOf(WorkImageProblem);
  });
});
