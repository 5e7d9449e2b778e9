import sharp, { type OverlayOptions } from 'sharp';
import { boxCorners, type ImagePaint, type RenderPlan, type VectorPaint } from '../services/canvas-render';
import type { CanvasPainter, RgbImage } from '../services/image-binding';

/** Decoding limit for a layer's image: a remix output or a work's rendition is far below it. */
const MAX_INPUT_PIXELS = 70_000_000;

/**
 * The server's canvas painter (sharp): each image resized to its box, turned about its top-left corner as Konva
 * turns a node, its alpha scaled by the layer's opacity and clipped to the canvas; each vector layer rasterised from
 * SVG (librsvg) into its own transparent layer, erasers applied with `dest-out`; all laid over white in order.
 */
export class SharpCanvasPainter implements CanvasPainter {
  async measure(bytes: Uint8Array): Promise<{ width: number; height: number; opaque: boolean }> {
    const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    if (!meta.width || !meta.height) throw new Error('not an image');
    return { width: meta.width, height: meta.height, opaque: !meta.hasAlpha };
  }

  async paint(plan: RenderPlan): Promise<RgbImage> {
    // Layers are decoded and drawn a few at a time on sharp's thread pool (bounded memory); the composite keeps their order.
    const drawn = await mapLimited(plan.paints, PAINT_CONCURRENCY, (p) => (p.kind === 'image' ? placeImage(p, plan) : vectorLayer(p, plan)));
    const overlays = drawn.filter((o): o is OverlayOptions => o !== null);
    const { data, info } = await sharp({ create: { width: plan.width, height: plan.height, channels: 3, background: '#ffffff' } })
      .composite(overlays)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data };
  }

  async sample(image: Uint8Array, width: number, height: number): Promise<RgbImage> {
    const { data, info } = await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS })
      .flatten({ background: '#ffffff' })
      .resize(width, height, { fit: 'fill' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data };
  }
}

/** Layers drawn at once: sharp's default thread pool is 4. */
const PAINT_CONCURRENCY = 4;

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** An image in its box, turned, faded and clipped to the canvas; null when none of it is on the canvas. */
async function placeImage(p: ImagePaint, plan: RenderPlan): Promise<OverlayOptions | null> {
  const w = Math.max(1, Math.round(p.width));
  const h = Math.max(1, Math.round(p.height));
  if (p.opacity <= 0) return null;
  const boxed = await sharp(p.bytes, { limitInputPixels: MAX_INPUT_PIXELS })
    .resize(w, h, { fit: 'fill' })
    .flop(p.flipX)
    .flip(p.flipY)
    .toColourspace('srgb')
    .ensureAlpha()
    .raw()
    .toBuffer();
  // Turned in a second pipeline: sharp would otherwise turn before resizing.
  const turned = sharp(boxed, { raw: { width: w, height: h, channels: 4 } });
  const angle = p.rotation % 360;
  const { data, info } = await (angle === 0 ? turned : turned.rotate(angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } }))
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (p.opacity < 1) for (let i = 3; i < data.length; i += 4) data[i] = Math.round(data[i]! * p.opacity);
  // Konva turns about the top-left corner; sharp turns about the centre and grows the frame: place by the centre.
  const corners = boxCorners(p);
  const cx = (corners[0]![0] + corners[3]![0]) / 2;
  const cy = (corners[0]![1] + corners[3]![1]) / 2;
  return clipped(data, info.width, info.height, Math.round(cx - info.width / 2), Math.round(cy - info.height / 2), plan);
}

/** A vector layer: its pieces drawn into one transparent layer (erasers clear only it), then faded. */
async function vectorLayer(p: VectorPaint, plan: RenderPlan): Promise<OverlayOptions | null> {
  if (p.opacity <= 0) return null;
  const { data } = await sharp({ create: { width: plan.width, height: plan.height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite(p.pieces.map((piece) => ({ input: Buffer.from(piece.svg), blend: piece.erase ? ('dest-out' as const) : ('over' as const) })))
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (p.opacity < 1) for (let i = 3; i < data.length; i += 4) data[i] = Math.round(data[i]! * p.opacity);
  return { input: data, raw: { width: plan.width, height: plan.height, channels: 4 }, left: 0, top: 0 };
}

/** The part of an RGBA image at (left, top) that lies on the canvas, as an overlay; null when none does. */
async function clipped(data: Buffer, width: number, height: number, left: number, top: number, plan: RenderPlan): Promise<OverlayOptions | null> {
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const x1 = Math.min(plan.width, left + width);
  const y1 = Math.min(plan.height, top + height);
  if (x1 <= x0 || y1 <= y0) return null;
  const part = await sharp(data, { raw: { width, height, channels: 4 } })
    .extract({ left: x0 - left, top: y0 - top, width: x1 - x0, height: y1 - y0 })
    .raw()
    .toBuffer();
  return { input: part, raw: { width: x1 - x0, height: y1 - y0, channels: 4 }, left: x0, top: y0 };
}
