import { describe, expect, it } from 'vitest';
import { nudgeBox, regionFromDrag, startBox } from './detail-region';

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

describe('nudgeBox (the detail picker keys)', () => {
  const area = { width: 400, height: 300 };
  it('starts with the middle half of the image', () => {
    expect(startBox(area)).toEqual({ x: 100, y: 75, w: 200, h: 150 });
  });
  it('moves with the arrows and stays inside the image', () => {
    const box = { x: 100, y: 75, w: 200, h: 150 };
    expect(nudgeBox(box, 'ArrowLeft', false, area, 10)).toEqual({ ...box, x: 90 });
    expect(nudgeBox(box, 'ArrowDown', false, area, 10)).toEqual({ ...box, y: 85 });
    expect(nudgeBox({ ...box, x: 195 }, 'ArrowRight', false, area, 10)).toEqual({ ...box, x: 200 });
    expect(nudgeBox({ ...box, y: 3 }, 'ArrowUp', false, area, 10)).toEqual({ ...box, y: 0 });
  });
  it('resizes with Shift, never past the image nor below one step', () => {
    const box = { x: 100, y: 75, w: 200, h: 150 };
    expect(nudgeBox(box, 'ArrowRight', true, area, 10)).toEqual({ ...box, w: 210 });
    expect(nudgeBox(box, 'ArrowUp', true, area, 10)).toEqual({ ...box, h: 140 });
    expect(nudgeBox({ ...box, w: 295 }, 'ArrowRight', true, area, 10)).toEqual({ ...box, w: 300 });
    expect(nudgeBox({ ...box, h: 12 }, 'ArrowUp', true, area, 10)).toEqual({ ...box, h: 10 });
  });
  it('ignores other keys', () => {
    expect(nudgeBox({ x: 0, y: 0, w: 10, h: 10 }, 'Enter', false, area, 10)).toBeNull();
  });
});
