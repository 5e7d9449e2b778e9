import sharp from 'sharp';
import { HttpError } from './errors';
import { sha256Hex } from './hash';
import { sniffImageFormat as sniff, type ImageFormat } from './image-format';

export interface UploadLimits {
  /** Largest accepted upload in bytes. */
  maxBytes: number;
  /** Largest accepted width × height, checked from the header before any decoding. */
  maxPixels: number;
  /** Largest accepted side in pixels. */
  maxSide: number;
  /**
   * zlib level of the clean PNG (0–9; sharp's default 6). Intermediate files that stay on the server (a
   * remix's stored canvas, read once by the worker) use 0: no compression, the fastest to write and to read.
   */
  compressionLevel?: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxPixels: 4096 * 4096,
  maxSide: 8192,
};

export interface CleanImage {
  /** Re-encoded PNG with every metadata chunk (EXIF, XMP, ICC, text) removed. */
  png: Buffer;
  width: number;
  height: number;
  sha256: string;
  sourceFormat: ImageFormat;
}

/**
 * The cheap checks of an untrusted upload, without decoding its pixels: not empty, within the byte limit, a PNG,
 * JPEG or WebP by its magic number, and within the pixel limits by its header. The bytes are left as they are.
 */
export async function checkImageUpload(
  bytes: Uint8Array,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<{ format: CleanImage['sourceFormat']; width: number; height: number }> {
  if (bytes.length === 0) throw new HttpError(400, 'empty_upload', 'The upload is empty.');
  if (bytes.length > limits.maxBytes)
    throw new HttpError(413, 'upload_too_large', `The upload is ${bytes.length} bytes; the limit is ${limits.maxBytes}.`);
  const format = sniff(bytes);
  if (!format) throw new HttpError(415, 'unsupported_media_type', 'Only PNG, JPEG and WebP images are accepted.');

  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new HttpError(400, 'unreadable_image', 'The image header could not be read.');
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width < 1 || height < 1) throw new HttpError(400, 'unreadable_image', 'The image has no size.');
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels)
    throw new HttpError(
      413,
      'too_many_pixels',
      `The image is ${width}×${height} pixels; the limit is ${limits.maxPixels} pixels and ${limits.maxSide} per side.`,
    );
  return { format, width, height };
}

/**
 * Validates an untrusted image upload and returns a clean PNG of it.
 * Order matters: bytes, then magic number, then header dimensions (cheap, no decode),
 * then a full strict decode (catches truncated files), then re-encode without metadata.
 */
export async function cleanImageUpload(bytes: Uint8Array, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): Promise<CleanImage> {
  const { format } = await checkImageUpload(bytes, limits);
  let png: Buffer;
  let size: { width: number; height: number };
  try {
    // failOn 'truncated' refuses images that end early instead of padding them with grey.
    const out = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'truncated' })
      .rotate() // apply EXIF orientation before the EXIF is dropped
      .png(limits.compressionLevel === undefined ? {} : { compressionLevel: limits.compressionLevel })
      .toBuffer({ resolveWithObject: true });
    png = out.data;
    // The encoder reports the size it wrote (after rotation), so the PNG is not parsed again.
    size = { width: out.info.width, height: out.info.height };
  } catch {
    throw new HttpError(400, 'corrupt_image', 'The image data is truncated or corrupt.');
  }
  return { png, ...size, sha256: sha256Hex(png), sourceFormat: format };
}
