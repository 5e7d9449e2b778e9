import sharp from 'sharp';
import * as ort from 'onnxruntime-node';
import { FAST_PNG } from './pixels';

const WHITE = { r: 255, g: 255, b: 255 };

/** Decodes an image into a float32 [1,3,H,W] RGB tensor in 0..1; transparent pixels become white paper. */
export async function imageToTensor(
  image: Uint8Array,
  width: number,
  height: number,
  fit: 'cover' | 'fill',
): Promise<ort.Tensor> {
  const { data } = await sharp(image)
    .flatten({ background: WHITE })
    .resize(width, height, { fit, position: 'centre', kernel: 'lanczos3' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const plane = width * height;
  const chw = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    chw[i] = data[i * 3]! / 255;
    chw[plane + i] = data[i * 3 + 1]! / 255;
    chw[2 * plane + i] = data[i * 3 + 2]! / 255;
  }
  return new ort.Tensor('float32', chw, [1, 3, height, width]);
}

/** Encodes a [1,3,H,W] tensor in 0..1 (clamped) as a PNG, at the worker's output level (FAST_PNG). */
export async function tensorToPng(tensor: ort.Tensor): Promise<{ png: Buffer; width: number; height: number }> {
  const [, channels, height, width] = tensor.dims as number[];
  if (channels !== 3 || !height || !width) throw new Error(`expected a [1,3,H,W] tensor, got [${tensor.dims.join(',')}]`);
  const src = tensor.data as Float32Array;
  const plane = width * height;
  const hwc = Buffer.alloc(plane * 3);
  for (let i = 0; i < plane; i++)
    for (let c = 0; c < 3; c++) {
      const v = src[c * plane + i]!;
      hwc[i * 3 + c] = Math.round(Math.min(1, Math.max(0, Number.isNaN(v) ? 0 : v)) * 255);
    }
  const png = await sharp(hwc, { raw: { width, height, channels: 3 } }).png(FAST_PNG).toBuffer();
  return { png, width, height };
}

/** The size a fully convolutional model runs at: long side capped, both sides a multiple of `multiple`. */
export function modelInputSize(width: number, height: number, maxSide: number, multiple: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const round = (v: number) => Math.max(multiple, Math.round((v * scale) / multiple) * multiple);
  return { width: round(width), height: round(height) };
}
