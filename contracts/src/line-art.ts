/**
 * A colouring page from a picture (#ColorOurCollections): dark outlines on white, from a greyscale image. Pure code
 * with no dependencies, so gallery-api draws a work's page (after sharp decodes it) and the studio draws the canvas's
 * in the browser with the same rule.
 *
 * The outlines are a "colour dodge" of the image by its own blurred negative: flat areas come out white and every
 * edge dark, its darkness growing with its contrast; then a threshold keeps the strong lines and drops the shading.
 */

export interface LineArtOptions {
  /** Blur radius in pixels: larger keeps only broad outlines. Default: about 1/300 of the long side, at least 2. */
  radius?: number;
  /** 0..1: how dark a line must be to be kept (higher keeps fewer, fainter lines go). Default 0.12. */
  threshold?: number;
}

/** Grey levels (0 black … 255 white, one byte a pixel, row by row) → outlines: 0 on 255, same size. */
export function lineArt(grey: Uint8Array, width: number, height: number, opts: LineArtOptions = {}): Uint8Array {
  if (grey.length !== width * height) throw new Error(`lineArt: ${grey.length} bytes for ${width}×${height} pixels`);
  const radius = Math.max(1, Math.round(opts.radius ?? Math.max(2, Math.max(width, height) / 300)));
  const cut = 255 * (1 - (opts.threshold ?? 0.12));
  const negative = new Uint8Array(grey.length);
  for (let i = 0; i < grey.length; i++) negative[i] = 255 - grey[i]!;
  const blurred = boxBlur(boxBlur(negative, width, height, radius), width, height, radius); // two passes ≈ a soft blur
  const out = new Uint8Array(grey.length);
  for (let i = 0; i < grey.length; i++) {
    // Colour dodge of the image by its blurred negative: g / (1 − b), white where the picture is flat.
    const b = blurred[i]!;
    const dodged = b >= 255 ? 255 : Math.min(255, (grey[i]! * 255) / (255 - b));
    out[i] = dodged < cut ? 0 : 255;
  }
  return out;
}

/** Mean over a (2r+1)² square, as two running sums (rows, then columns): linear in the pixels, whatever the radius. */
function boxBlur(src: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const rows = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let x = -r; x <= r; x++) sum += src[row + clamp(x, width)]!;
    for (let x = 0; x < width; x++) {
      rows[row + x] = sum / (2 * r + 1);
      sum += src[row + clamp(x + r + 1, width)]! - src[row + clamp(x - r, width)]!;
    }
  }
  const out = new Uint8Array(src.length);
  for (let x = 0; x < width; x++) {
    let sum = 0;
    for (let y = -r; y <= r; y++) sum += rows[clamp(y, height) * width + x]!;
    for (let y = 0; y < height; y++) {
      out[y * width + x] = sum / (2 * r + 1);
      sum += rows[clamp(y + r + 1, height) * width + x]! - rows[clamp(y - r, height) * width + x]!;
    }
  }
  return out;
}

const clamp = (i: number, n: number) => (i < 0 ? 0 : i >= n ? n - 1 : i);
