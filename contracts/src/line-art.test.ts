import { describe, expect, it } from 'vitest';
import { lineArt } from './line-art';

const W = 120;
const H = 80;
/** White, with a mid-grey 40×30 rectangle at (40, 25): one shape to outline. */
function picture(): Uint8Array {
  const grey = new Uint8Array(W * H).fill(255);
  for (let y = 25; y < 55; y++) for (let x = 40; x < 80; x++) grey[y * W + x] = 110;
  return grey;
}
const at = (img: Uint8Array, x: number, y: number) => img[y * W + x];
const dark = (img: Uint8Array) => img.reduce((n, v) => n + (v === 0 ? 1 : 0), 0);

describe('lineArt', () => {
  it('draws the outline of a shape in black on white, and leaves flat areas white', () => {
    const out = lineArt(picture(), W, H);
    expect(new Set(out)).toEqual(new Set([0, 255]));
    expect(at(out, 40, 40)).toBe(0); // on the rectangle's left edge
    expect(at(out, 60, 25)).toBe(0); // on its top edge
    expect(at(out, 60, 40)).toBe(255); // inside: flat
    expect(at(out, 5, 5)).toBe(255); // the white around it
    // An outline, not a filled shape: far fewer dark pixels than the rectangle has.
    expect(dark(out)).toBeGreaterThan(100);
    expect(dark(out)).toBeLessThan(40 * 30 * 0.6);
  });

  it('makes a flat picture an empty page', () => {
    expect(dark(lineArt(new Uint8Array(W * H).fill(90), W, H))).toBe(0);
  });

  it('keeps fewer lines as the threshold rises, and refuses a buffer that is not width × height', () => {
    const grey = picture();
    for (let i = 0; i < grey.length; i += 7) grey[i] = Math.max(0, grey[i]! - 40); // faint texture
    expect(dark(lineArt(grey, W, H, { threshold: 0.5 }))).toBeLessThan(dark(lineArt(grey, W, H, { threshold: 0.05 })));
    expect(() => lineArt(new Uint8Array(10), W, H)).toThrow(/10 bytes for 120×80/);
  });
});
