import sharp from 'sharp';

/** Interleaved 8-bit RGB pixels as sharp hands them out. */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
}

const WHITE = { r: 255, g: 255, b: 255 };

/**
 * zlib level for the PNGs the worker writes (outputs; the API stores cleaned inputs the same way): level 6
 * (sharp's default) took 14 ms for a 512² photo and 54 ms at 1024² on this 2-core VM, level 1 8 / 29 ms for
 * files ≈10 % larger (level 0 is faster still but stores flat drawings uncompressed, and outputs travel to
 * the browser). The gallery re-encodes what it publishes, so nothing kept for the public uses this level.
 */
export const FAST_PNG = { compressionLevel: 1 } as const;

/**
 * An image decoded once per job: RGB flattened on white paper (what every model sees) and its alpha plane
 * (null when fully opaque). Every tensor of a job is cut from these pixels, so the upload is not decoded
 * again for the style vector, the model input and the safety screen.
 */
export interface DecodedImage {
  rgb: RgbImage;
  alpha: Buffer | null;
}

/** An encoded image (PNG, JPEG, WebP) or pixels already decoded by `decodeImage`. */
export type ImageSource = Uint8Array | DecodedImage;

const isDecoded = (src: ImageSource): src is DecodedImage => !(src instanceof Uint8Array);

/**
 * Decodes once into RGB-on-white plus alpha. An opaque file is one decode; one with an alpha channel is
 * decoded once to RGBA, then flattened and split on the raw pixels by libvips (measured faster than one
 * JS pass over the pixels, and off the event loop).
 */
export async function decodeImage(image: ImageSource): Promise<DecodedImage> {
  if (isDecoded(image)) return image;
  const { data, info } = await sharp(image).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  if (info.channels === 3) return { rgb: { data, width, height }, alpha: null };
  const raw = { raw: { width, height, channels: 4 as const } };
  const [rgb, alpha] = await Promise.all([
    sharp(data, raw).flatten({ background: WHITE }).removeAlpha().raw().toBuffer(),
    sharp(data, raw).extractChannel(3).raw().toBuffer(),
  ]);
  return { rgb: { data: rgb, width, height }, alpha: alpha.every((v) => v === 255) ? null : alpha };
}

/** Resizes decoded RGB pixels (never the encoded file again); `cover` crops to the centre like sharp's. */
export async function resizeRgb(
  img: RgbImage,
  size: { width: number; height: number },
  options: { kernel?: 'linear' | 'lanczos3'; fit?: 'fill' | 'cover' } = {},
): Promise<RgbImage> {
  if (img.width === size.width && img.height === size.height) return img;
  const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(size.width, size.height, { fit: options.fit ?? 'fill', position: 'centre', kernel: options.kernel ?? 'lanczos3' })
    .raw()
    .toBuffer();
  return { data, width: size.width, height: size.height };
}

/** Decodes an image to RGB at its own size (or resized), transparent pixels flattened on white paper. */
export async function decodeRgb(
  image: ImageSource,
  size?: { width: number; height: number; kernel?: 'linear' | 'lanczos3' },
): Promise<RgbImage> {
  if (isDecoded(image)) return size ? resizeRgb(image.rgb, size, { kernel: size.kernel }) : image.rgb;
  let pipeline = sharp(image).flatten({ background: WHITE });
  if (size) pipeline = pipeline.resize(size.width, size.height, { fit: 'fill', kernel: size.kernel ?? 'lanczos3' });
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** RGB bytes → planar float CHW, each value `v * scale + offset` (the model's input range). */
export function rgbToChw(img: RgbImage, scale: number, offset: number): Float32Array {
  const plane = img.width * img.height;
  const chw = new Float32Array(3 * plane);
  const src = img.data;
  for (let i = 0, j = 0; i < plane; i++, j += 3) {
    chw[i] = src[j]! * scale + offset;
    chw[plane + i] = src[j + 1]! * scale + offset;
    chw[2 * plane + i] = src[j + 2]! * scale + offset;
  }
  return chw;
}

/**
 * Planar float CHW → RGB bytes: `(v - offset) / scale`, clamped to 0..255; NaN becomes 0. Written through a
 * Uint8ClampedArray view, whose stores clamp and round natively: 3× faster than Math.round/min/max here
 * (≈3 ms instead of ≈10 ms at 512²), which is on the worker's event loop.
 */
export function chwToRgb(chw: Float32Array, width: number, height: number, scale: number, offset: number): RgbImage {
  const plane = width * height;
  if (chw.length < 3 * plane) throw new Error(`expected ${3 * plane} values for ${width}x${height} RGB, got ${chw.length}`);
  const data = Buffer.alloc(plane * 3);
  const out = new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  const k = 1 / scale;
  const r = chw.subarray(0, plane);
  const g = chw.subarray(plane, 2 * plane);
  const b = chw.subarray(2 * plane, 3 * plane);
  for (let i = 0, j = 0; i < plane; i++, j += 3) {
    out[j] = (r[i]! - offset) * k;
    out[j + 1] = (g[i]! - offset) * k;
    out[j + 2] = (b[i]! - offset) * k;
  }
  return { data, width, height };
}

/**
 * For pictures textured in every pixel (a Magenta stylization): no zlib at all. On a 512² stylized painting
 * level 1 took ≈16 ms and saved ≈2 % of 770 kB; level 0 takes ≈3 ms. Flat drawings, mattes with transparent
 * areas and cartoons do compress, so everything else keeps FAST_PNG.
 */
export const TEXTURED_PNG = { compressionLevel: 0 } as const;

/** Encodes RGB, or RGBA when an 8-bit alpha plane of the same size is given, as a PNG. */
export async function encodePng(
  img: RgbImage,
  alpha?: Buffer,
  png: { compressionLevel: number } = FAST_PNG,
): Promise<{ png: Buffer; width: number; height: number }> {
  const { width, height } = img;
  let pipeline = sharp(img.data, { raw: { width, height, channels: 3 } });
  if (alpha) pipeline = pipeline.joinChannel(alpha, { raw: { width, height, channels: 1 } });
  return { png: await pipeline.png(png).toBuffer(), width, height };
}

/** Resizes one 8-bit plane (a matte, an alpha channel). */
export async function resizePlane(plane: Buffer, from: { width: number; height: number }, to: { width: number; height: number }): Promise<Buffer> {
  if (from.width === to.width && from.height === to.height) return plane;
  return sharp(plane, { raw: { width: from.width, height: from.height, channels: 1 } })
    .resize(to.width, to.height, { fit: 'fill', kernel: 'lanczos3' })
    .extractChannel(0)
    .raw()
    .toBuffer();
}

/** The largest size with the same aspect that keeps both sides ≤ maxSide (never enlarges). */
export function capSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.floor(width * s)), height: Math.max(1, Math.floor(height * s)) };
}
