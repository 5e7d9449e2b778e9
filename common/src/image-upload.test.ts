import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { HttpError } from './errors';
import { cleanImageUpload } from './image-upload';
import { pngClaiming } from './testing/png';

async function expectHttpError(p: Promise<unknown>, status: number, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpError);
  expect((err as HttpError).statusCode).toBe(status);
  expect((err as HttpError).code).toBe(code);
}

describe('cleanImageUpload', () => {
  it('re-encodes a JPEG as PNG and drops its EXIF', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Artist: 'Some Visitor', Copyright: 'x' } } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeTruthy();
    const clean = await cleanImageUpload(jpeg);
    expect(clean.sourceFormat).toBe('jpeg');
    expect([clean.width, clean.height]).toEqual([40, 30]);
    const meta = await sharp(clean.png).metadata();
    expect(meta.format).toBe('png');
    expect(meta.exif).toBeUndefined();
    expect(clean.png.includes(Buffer.from('Some Visitor'))).toBe(false);
    expect(clean.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses what is not an image', async () => {
    await expectHttpError(cleanImageUpload(Buffer.from('%PDF-1.7 hello')), 415, 'unsupported_media_type');
  });

  it('refuses an empty upload', async () => {
    await expectHttpError(cleanImageUpload(Buffer.alloc(0)), 400, 'empty_upload');
  });

  it('refuses an upload over the byte limit before looking inside', async () => {
    await expectHttpError(cleanImageUpload(Buffer.alloc(2048, 1), { maxBytes: 1024, maxPixels: 1e6, maxSide: 1000 }), 413, 'upload_too_large');
  });

  it('refuses a header that claims 30000×30000 pixels without decoding it', async () => {
    await expectHttpError(cleanImageUpload(pngClaiming(30000, 30000)), 413, 'too_many_pixels');
  });

  it('refuses a truncated JPEG', async () => {
    const jpeg = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#39c' } })
      .jpeg({ quality: 95 })
      .toBuffer();
    await expectHttpError(cleanImageUpload(jpeg.subarray(0, Math.floor(jpeg.length / 2))), 400, 'corrupt_image');
  });

  it('writes the same pixels at a fast compression level, and reports the size after EXIF rotation', async () => {
    // 40×20 stored, orientation 6 (rotate 90°): the clean image is 20×40.
    const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#c93' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const slow = await cleanImageUpload(jpeg);
    const fast = await cleanImageUpload(jpeg, { maxBytes: 1e6, maxPixels: 1e6, maxSide: 1000, compressionLevel: 1 });
    expect([fast.width, fast.height]).toEqual([20, 40]);
    expect([slow.width, slow.height]).toEqual([20, 40]);
    const pixels = async (png: Buffer) => sharp(png).raw().toBuffer();
    expect((await pixels(fast.png)).equals(await pixels(slow.png))).toBe(true);
  });
});
