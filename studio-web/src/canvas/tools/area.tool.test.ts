import { describe, expect, it } from 'vitest';
import { AREA_IDLE, areaReducer, type AreaState } from './area.tool';
import type { ToolEvent } from './brush.tool';

const doc = { width: 100, height: 80 };
const drag = (events: ToolEvent[]) => {
  let s: AreaState = AREA_IDLE;
  let area;
  for (const ev of events) {
    const r = areaReducer(s, ev, doc);
    s = r.state;
    if ('area' in r) area = r.area;
  }
  return { state: s, area };
};

describe('area tool', () => {
  it('sets the dragged rectangle on pointer-up, in either direction, clipped to the document', () => {
    expect(drag([{ type: 'down', x: 90, y: 70 }, { type: 'move', x: 20, y: 10 }, { type: 'up' }])).toEqual({ state: AREA_IDLE, area: { x: 20, y: 10, width: 70, height: 60 } });
    expect(drag([{ type: 'down', x: 50, y: 40 }, { type: 'move', x: 150, y: 90 }, { type: 'up' }]).area).toEqual({ x: 50, y: 40, width: 50, height: 40 });
  });

  it('clears it on a click, and sets nothing when cancelled', () => {
    expect(drag([{ type: 'down', x: 5, y: 5 }, { type: 'move', x: 7, y: 6 }, { type: 'up' }]).area).toBeNull();
    expect(drag([{ type: 'down', x: 5, y: 5 }, { type: 'move', x: 70, y: 60 }, { type: 'cancel' }]).area).toBeUndefined();
  });
});
