import { describe, expect, it } from 'vitest';
import { regionFromDrag } from './detail-region';

const shown = { width: 400, height: 300 };
const full = { width: 4000, height: 3000 };

describe('regionFromDrag', () => {
  it('scales a drag on the shown image to the work’s full pixels', () => {
    expect(regionFromDrag({ x: 10, y: 20 }, { x: 110, y: 70 }, shown, full)).toEqual({ x: 100, y: 200, w: 1000, h: 500 });
  });

  it('accepts a drag in any direction and clamps it to the work', () => {
    expect(regionFromDrag({ x: 450, y: 350 }, { x: 300, y: 200 }, shown, full)).toEqual({ x: 3000, y: 2000, w: 1000, h: 1000 });
    expect(regionFromDrag({ x: -20, y: -5 }, { x: 50, y: 40 }, shown, full)).toEqual({ x: 0, y: 0, w: 500, h: 400 });
  });

  it('ignores a click or a sliver', () => {
    expect(regionFromDrag({ x: 10, y: 10 }, { x: 11, y: 200 }, shown, full)).toBeNull();
    expect(regionFromDrag({ x: 10, y: 10 }, { x: 10, y: 10 }, shown, full)).toBeNull();
  });
});
