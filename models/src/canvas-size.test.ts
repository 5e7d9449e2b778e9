import { describe, expect, it } from 'vitest';
import { canvasTooSmall, modelShortSide } from './canvas-size';

const style = { preprocessing: { normalise: { mean: 0, std: 255 }, maxSide: 2048, minSide: 8, multipleOf: 4 } };
const cutout = { preprocessing: { normalise: { mean: 128, std: 256 }, size: 1024, minSide: 1 } };

describe('the smallest canvas a model runs on (preprocessing.minSide)', () => {
  it('measures the shorter side after maxSide scaled the canvas down', () => {
    expect(modelShortSide(style, 640, 480)).toBe(480);
    expect(modelShortSide(style, 4096, 16)).toBe(8);
    expect(modelShortSide(cutout, 4096, 16)).toBe(16);
  });

  it('refuses a canvas under minSide, on either side, and one that scaling makes too thin', () => {
    expect(canvasTooSmall(style, 1, 1)).toEqual({ minSide: 8, shortSide: 1 });
    expect(canvasTooSmall(style, 640, 7)).toEqual({ minSide: 8, shortSide: 7 });
    expect(canvasTooSmall(style, 4096, 15)).toEqual({ minSide: 8, shortSide: 7.5 });
    expect(canvasTooSmall(style, 8, 8)).toBeNull();
    expect(canvasTooSmall(style, 4096, 16)).toBeNull();
  });

  it('lets a model that resizes its input itself take any canvas', () => {
    expect(canvasTooSmall(cutout, 1, 1)).toBeNull();
    expect(canvasTooSmall({ preprocessing: { normalise: { mean: 0, std: 1 } } }, 1, 1)).toBeNull();
  });
});
