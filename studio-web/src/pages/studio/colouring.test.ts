import { describe, expect, it } from 'vitest';
import { greyOf } from './colouring';

describe('greyOf', () => {
  it('weighs red, green and blue as sharp does, one byte a pixel', () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 0]);
    expect([...greyOf(rgba)]).toEqual([255, 0, 76, 150]);
  });
});
