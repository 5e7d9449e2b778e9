import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { ModelRegistry } from '@atelier/models';
import { FIXED_STYLES, type FixedStyle } from '@atelier/contracts';
import { ModelRunner } from '../runner';
import { SessionCache } from '../session-cache';
import { createSessionFactory } from '../providers';
import { PhaseTimer } from '../phase-timer';
import { tinyFastStyleRegistry } from '../../testing/fixtures';
import { FastStyle, fastStyleFile } from './fast-style';

// The stand-in graph is `395 = 2 · input.1 − 100` per value (fixtures/generate-tiny-models.ts).
const expected = (v: number) => Math.min(255, Math.max(0, 2 * v - 100));

let registry: ModelRegistry;
beforeAll(async () => {
  registry = await tinyFastStyleRegistry();
});

function setup() {
  const cache = new SessionCache(createSessionFactory({ providers: ['cpu'], intraOpNumThreads: 1 }), 1e9);
  return { cache, fastStyle: new FastStyle(new ModelRunner(registry, cache), registry.get('fast-neural-style-nc16')!) };
}

const solid = (width: number, height: number, background: { r: number; g: number; b: number; alpha?: number }) =>
  sharp({ create: { width, height, channels: 4, background: { alpha: 1, ...background } } }).png().toBuffer();

describe('FastStyle on the tiny stand-in graph', () => {
  it('feeds 0..255 unnormalised RGB and clamps the overshooting output to 0..255', async () => {
    const { fastStyle } = setup();
    // 60 → 20 (inside), 30 → −40 (clamped to 0), 200 → 300 (clamped to 255).
    const out = await fastStyle.render(await solid(32, 24, { r: 60, g: 30, b: 200 }), 'mosaic');
    expect([out.rgb.width, out.rgb.height]).toEqual([32, 24]);
    expect(out.alpha).toBeNull();
    expect([expected(60), expected(30), expected(200)]).toEqual([20, 0, 255]);
    for (let i = 0; i < out.rgb.data.length; i += 3) expect([...out.rgb.data.subarray(i, i + 3)]).toEqual([20, 0, 255]);
  });

  it('rounds the canvas to multiples of 4 and keeps its transparency', async () => {
    const { fastStyle } = setup();
    const half = await sharp({ create: { width: 30, height: 21, channels: 4, background: { r: 120, g: 120, b: 120, alpha: 0.5 } } }).png().toBuffer();
    const out = await fastStyle.stylize(half, 'candy');
    expect([out.width, out.height]).toEqual([32, 20]);
    const raw = await sharp(out.png).raw().toBuffer({ resolveWithObject: true });
    expect(raw.info.channels).toBe(4);
    expect(Math.abs(raw.data[3]! - 128)).toBeLessThanOrEqual(1);
  });

  it('gives the same result tiled as whole (a pointwise graph has nothing to blend differently)', async () => {
    const { fastStyle } = setup();
    const canvas = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#808080' } })
      .composite([{ input: await solid(24, 16, { r: 250, g: 10, b: 90 }), left: 20, top: 12 }])
      .png()
      .toBuffer();
    const tiled = await fastStyle.render(canvas, 'udnie', { tiling: { tile: 32, overlap: 16, margin: 4, multiple: 4 } });
    const whole = await fastStyle.render(canvas, 'udnie', { tiling: { tile: 4096, overlap: 16 } });
    const maxDiff = tiled.rgb.data.reduce((m, v, i) => Math.max(m, Math.abs(v - whole.rgb.data[i]!)), 0);
    expect(maxDiff).toBeLessThanOrEqual(1);
    // The manifest's tile: whole up to 1088², on the network's stride of 4.
    expect(fastStyle.sizes.tiling).toEqual({ tile: 1088, overlap: 128, margin: 16, multiple: 4 });
  });

  it('records decode, pre, run and post', async () => {
    const { fastStyle } = setup();
    const timer = new PhaseTimer();
    await fastStyle.render(await solid(16, 16, { r: 1, g: 2, b: 3 }), 'candy', { timer });
    expect(Object.keys(timer.phases).sort()).toEqual(['decode', 'post', 'pre', 'run']);
  });

  it('warms up every offered style, one session each, and never rain-princess', async () => {
    const { fastStyle, cache } = setup();
    await fastStyle.warmUp();
    expect(cache.stats()).toMatchObject({ loads: FIXED_STYLES.length, entries: FIXED_STYLES.length });
    expect(FIXED_STYLES.map(fastStyleFile)).toEqual(['candy.onnx', 'mosaic.onnx', 'udnie.onnx']);
  });

  it('refuses a style that is not offered before it decodes or loads anything', async () => {
    const { fastStyle, cache } = setup();
    await expect(fastStyle.render(await solid(16, 16, { r: 1, g: 2, b: 3 }), 'rain-princess' as FixedStyle)).rejects.toThrow(/not offered/);
    expect(cache.stats().loads).toBe(0);
  });
});
