import sharp from 'sharp';

/** Interleaved 8-bit RGB pixels as sharp hands them out. */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
}

const WHITE = { r: 255, g: 255, b: 255 };

/** Decodes an image to RGB at its own size (or resized), transparent pixels flattened on white paper. */
export async function decodeRgb(
  image: Uint8Array,
  size?: { width: number; height: number; kernel?: 'linear' | 'lanczos3' },
): Promise<RgbImage> {
  let pipeline = sharp(image).flatten({ background: WHITE });
  if (size) pipeline = pipeline.resize(size.width, size.height, { fit: 'fill', kernel: size.kernel ?? 'lanczos3' });
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The image's alpha channel at its own size, or null when it is fully opaque or has none. */
export async function decodeAlpha(image: Uint8Array): Promise<{ data: Buffer; width: number; height: number } | null> {
  const meta = await sharp(image).metadata();
  if (!meta.hasAlpha) return null;
  const { data, info } = await sharp(image).ensureAlpha().extractChannel(3).raw().toBuffer({ resolveWithObject: true });
  return data.every((v) => v === 255) ? null : { data, width: info.width, height: info.height };
}

/** RGB bytes → planar float CHW, each value `v * scale + offset` (the model's input range). */
export function rgbToChw(img: RgbImage, scale: number, offset: number): Float32Array {
  const plane = img.width * img.height;
  const chw = new Float32Array(3 * plane);
  const src = img.data;
  for (let i = 0; i < plane; i++) {
    chw[i] = src[i * 3]! * scale + offset;
    chw[plane + i] = src[i * 3 + 1]! * scale + offset;
    chw[2 * plane + i] = src[i * 3 + 2]! * scale + offset;
  }
  return chw;
}

/** Planar float CHW → RGB bytes: `(v - offset) / scale`, clamped to 0..255; NaN becomes 0. */
export function chwToRgb(chw: Float32Array, width: number, height: number, scale: number, offset: number): RgbImage {
  const plane = width * height;
  if (chw.length < 3 * plane) throw new Error(`expected ${3 * plane} values for ${width}x${height} RGB, got ${chw.length}`);
  const data = Buffer.alloc(plane * 3);
  for (let c = 0; c < 3; c++)
    for (let i = 0; i < plane; i++) {
      const v = (chw[c * plane + i]! - offset) / scale;
      data[i * 3 + c] = v > 255 ? 255 : v > 0 ? Math.round(v) : 0; // NaN fails `v > 0`
    }
  return { data, width, height };
}

/** Encodes RGB, or RGBA when an 8-bit alpha plane of the same size is given, as a PNG. */
export async function encodePng(img: RgbImage, alpha?: Buffer): Promise<{ png: Buffer; width: number; height: number }> {
  const { width, height } = img;
  let pipeline = sharp(img.data, { raw: { width, height, channels: 3 } });
  if (alpha) pipeline = pipeline.joinChannel(alpha, { raw: { width, height, channels: 1 } });
  return { png: await pipeline.png().toBuffer(), width, height };
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
