import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { FIXTURES } from '../testing/fixtures';
import { abortable, runTiled, tileStarts, type TileFn } from './tiling';

/** A deterministic test image, CHW, values in 0..1 with structure in both directions. */
function image(channels: number, width: number, height: number): Float32Array {
  const out = new Float32Array(channels * width * height);
  for (let c = 0; c < channels; c++)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) out[c * width * height + y * width + x] = 0.5 + 0.5 * Math.sin(x * 0.37 + y * 0.21 + c) * Math.cos(x * 0.05 - y * 0.11);
  return out;
}

/** The tiny 3×3 conv graph (3 → 4 channels) as a tile function. */
async function tinyConv() {
  const session = await ort.InferenceSession.create(join(FIXTURES, 'conv.onnx'));
  const conv: TileFn = async (tile, w, h) => (await session.run({ x: new ort.Tensor('float32', tile, [1, 3, h, w]) })).y!.data as Float32Array;
  return { session, conv };
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('tileStarts', () => {
  it('covers the axis, keeps the overlap, ends flush and respects the multiple', () => {
    expect(tileStarts(100, 128, 16)).toEqual([0]);
    expect(tileStarts(300, 128, 32, 4)).toEqual([0, 96, 172]);
    const starts = tileStarts(2048, 1088, 128, 4);
    expect(starts).toEqual([0, 960]);
    for (const s of tileStarts(1000, 256, 16, 4)) expect(s % 4).toBe(0);
  });
});

describe('runTiled', () => {
  it('on the tiny conv graph equals the untiled result (seamless) when the margin covers the 3×3 kernel', async () => {
    const { session, conv } = await tinyConv();
    const [w, h] = [150, 97];
    const input = image(3, w, h);
    const whole = await conv(input, w, h);
    const tiled = await runTiled(input, 3, w, h, { tile: 48, overlap: 12, margin: 2 }, conv, 4);
    expect([tiled.width, tiled.height, tiled.channels]).toEqual([w, h, 4]);
    expect(maxDiff(tiled.data, whole)).toBeLessThan(1e-5);
    await session.release();
  });

  it('runs an image that fits in one tile whole (bit-identical)', async () => {
    const input = image(3, 40, 30);
    let calls = 0;
    const out = await runTiled(input, 3, 40, 30, { tile: 64, overlap: 8 }, async (t) => (calls++, t.map((v) => v * 2)));
    expect(calls).toBe(1);
    expect(Array.from(out.data)).toEqual(Array.from(input.map((v) => v * 2)));
  });

  it('with `fixed`, runs every tile at exactly tile × tile and crops back to the image', async () => {
    const shapes = new Set<string>();
    const doubled: TileFn = async (t, w, h) => (shapes.add(`${w}×${h}`), t.map((v) => v * 2));
    for (const [w, h] of [[56, 50], [64, 40], [150, 97], [64, 64], [130, 45]] as const) {
      const input = image(3, w, h);
      const out = await runTiled(input, 3, w, h, { tile: 64, overlap: 16, margin: 2, fixed: true }, doubled);
      expect([out.width, out.height]).toEqual([w, h]);
      // A pointwise model sees its pixels where they were: the mirrored padding is cut off again.
      expect(maxDiff(out.data, input.map((v) => v * 2))).toBeLessThan(1e-6);
    }
    expect([...shapes]).toEqual(['64×64']);
  });

  it('with `fixed`, runs an image far smaller than a tile at its own size rather than pad it', async () => {
    const shapes: string[] = [];
    const doubled: TileFn = async (t, w, h) => (shapes.push(`${w}×${h}`), t.map((v) => v * 2));
    // 40×30 covers 29 % of a 64² tile; 130×20 gives 64×20 tiles, 31 %.
    await runTiled(image(3, 40, 30), 3, 40, 30, { tile: 64, overlap: 16, margin: 2, fixed: true }, doubled);
    await runTiled(image(3, 130, 20), 3, 130, 20, { tile: 64, overlap: 16, margin: 2, fixed: true }, doubled);
    expect(shapes).toEqual(['40×30', '64×20', '64×20', '64×20']);
  });

  it('with `fixed`, pads by mirroring, so a 3×3 conv at the padded edges sees the image, and scales the crop', async () => {
    const { session, conv } = await tinyConv();
    const [w, h] = [60, 47];
    const input = image(3, w, h);
    const whole = await conv(input, w, h);
    const fixed = await runTiled(input, 3, w, h, { tile: 64, overlap: 12, margin: 2, fixed: true }, conv, 4);
    expect([fixed.width, fixed.height, fixed.channels]).toEqual([w, h, 4]);
    // Inside the image the two agree exactly; only the last column and row differ (mirror instead of zeros).
    for (let c = 0; c < 4; c++)
      for (let y = 0; y < h - 1; y++)
        for (let x = 0; x < w - 1; x++) {
          const i = c * w * h + y * w + x;
          expect(Math.abs(fixed.data[i]! - whole[i]!)).toBeLessThan(1e-5);
        }
    await session.release();

    const nearest2: TileFn = async (t, tw, th) => {
      const out = new Float32Array(t.length * 4);
      for (let c = 0; c < t.length / (tw * th); c++)
        for (let y = 0; y < 2 * th; y++)
          for (let x = 0; x < 2 * tw; x++) out[c * 4 * tw * th + y * 2 * tw + x] = t[c * tw * th + (y >> 1) * tw + (x >> 1)]!;
      return out;
    };
    const small = image(3, 30, 21);
    const up = await runTiled(small, 3, 30, 21, { tile: 32, overlap: 8, scale: 2, fixed: true }, nearest2);
    expect([up.width, up.height]).toEqual([60, 42]);
    expect(maxDiff(up.data, await nearest2(small, 30, 21))).toBeLessThan(1e-6);
  });

  it('scales tile coordinates for upscalers (nearest ×2 stand-in)', async () => {
    const nearest2: TileFn = async (t, w, h) => {
      const out = new Float32Array(t.length * 4);
      for (let c = 0; c < t.length / (w * h); c++)
        for (let y = 0; y < 2 * h; y++)
          for (let x = 0; x < 2 * w; x++) out[c * 4 * w * h + y * 2 * w + x] = t[c * w * h + (y >> 1) * w + (x >> 1)]!;
      return out;
    };
    const [w, h] = [90, 70];
    const input = image(3, w, h);
    const tiled = await runTiled(input, 3, w, h, { tile: 32, overlap: 8, scale: 2 }, nearest2);
    expect([tiled.width, tiled.height]).toEqual([180, 140]);
    expect(maxDiff(tiled.data, await nearest2(input, w, h))).toBeLessThan(1e-6);
  });

  it('feathers tiles that disagree (instance-norm drift) into a ramp instead of a step', async () => {
    // Each tile shifts its output by its own offset, as a per-tile normalisation would.
    let n = 0;
    const drifting: TileFn = async (t) => {
      const offset = (n++ % 2) * 0.2;
      return t.map(() => 0.5 + offset);
    };
    const [w, h] = [200, 8];
    const out = await runTiled(new Float32Array(3 * w * h), 3, w, h, { tile: 80, overlap: 40, margin: 4 }, drifting);
    let maxStep = 0;
    for (let x = 1; x < w; x++) maxStep = Math.max(maxStep, Math.abs(out.data[x]! - out.data[x - 1]!));
    // A hard seam would jump by 0.2 in one pixel; the 32 px ramp spreads it to ≈ 0.2 / 32.
    expect(maxStep).toBeLessThan(0.2 / 32 + 1e-4);
  });

  it('refuses options that would leave pixels with no weight', async () => {
    await expect(runTiled(new Float32Array(3 * 100 * 100), 3, 100, 100, { tile: 32, overlap: 8, margin: 4 }, async (t) => t)).rejects.toThrow(/margin/);
  });
});

describe('a cancelled or timed-out run', () => {
  it('starts no further tile once the signal fired', async () => {
    const controller = new AbortController();
    let ran = 0;
    const tile = abortable(async (t: Float32Array) => {
      ran++;
      controller.abort('cancelled'); // the visitor cancels while the first tile runs
      return t;
    }, controller.signal);
    const side = 64;
    await expect(runTiled(new Float32Array(3 * side * side), 3, side, side, { tile: 32, overlap: 8 }, tile)).rejects.toBe('cancelled');
    expect(ran).toBe(1);
  });
});
