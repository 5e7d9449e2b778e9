import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { MagentaStyle, blendStyleVectors } from './magenta-style';
import { ModelRunner } from '../runner';
import { SessionCache } from '../session-cache';
import { createSessionFactory } from '../providers';
import { modelInputSize } from '../image-tensor';
import { tinyMagentaRegistry } from '../../testing/fixtures';

describe('blendStyleVectors', () => {
  it('is the style at strength 1, the content at 0, and linear between', () => {
    const style = Float32Array.from([1, 2]);
    const content = Float32Array.from([3, 6]);
    expect(Array.from(blendStyleVectors(style, content, 1))).toEqual([1, 2]);
    expect(Array.from(blendStyleVectors(style, content, 0))).toEqual([3, 6]);
    expect(Array.from(blendStyleVectors(style, content, 0.25))).toEqual([2.5, 5]);
  });
});

describe('modelInputSize', () => {
  it('rounds to multiples of 4 and caps the long side at 1024', () => {
    expect(modelInputSize(513, 301, 1024, 4)).toEqual({ width: 512, height: 300 });
    expect(modelInputSize(4000, 3000, 1024, 4)).toEqual({ width: 1024, height: 768 });
    expect(modelInputSize(1, 1, 1024, 4)).toEqual({ width: 4, height: 4 });
  });
});

describe('MagentaStyle on the tiny stand-in graphs', () => {
  it('predicts a 100-d style vector and renders a PNG at the rounded canvas size', async () => {
    const registry = await tinyMagentaRegistry();
    const magenta = new MagentaStyle(new ModelRunner(registry, new SessionCache(createSessionFactory({ providers: ['cpu'] }), 1e9)), registry.get('magenta-arbitrary-style')!);
    await magenta.warmUp();
    const style = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c03020' } }).jpeg().toBuffer();
    const canvas = await sharp({ create: { width: 130, height: 70, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const vector = await magenta.styleVector(style);
    expect(vector).toHaveLength(100);
    const out = await magenta.stylize(canvas, vector, 0.5);
    expect([out.width, out.height]).toEqual([132, 72]);
    const meta = await sharp(out.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 132, 72]);
  });
});
