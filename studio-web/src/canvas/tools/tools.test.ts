import { describe, expect, it } from 'vitest';
import { applyCommand } from '../document/commands';
import { emptyDocument } from '../document/schema';
import { BRUSH_IDLE, brushReducer, type BrushState } from './brush.tool';
import { MOVE_IDLE, moveReducer } from './move.tool';

const opts = { color: '#ff0000', size: 8, newId: () => 'layer-1' };

describe('brush tool', () => {
  it('buffers a stroke and commits it exactly once, on pointer-up', () => {
    let s: BrushState = BRUSH_IDLE;
    const commits: unknown[] = [];
    const events = [
      { type: 'down', x: 1, y: 1 },
      { type: 'move', x: 5, y: 5 },
      { type: 'move', x: 5.2, y: 5.1 },
      { type: 'move', x: 10, y: 10 },
      { type: 'up' },
      { type: 'up' },
    ] as const;
    for (const ev of events) {
      const r = brushReducer(s, ev, opts);
      s = r.state;
      if (r.commit) commits.push(r.commit);
    }
    expect(commits).toEqual([
      { type: 'addStroke', stroke: { points: [1, 1, 5, 5, 10, 10], color: '#ff0000', size: 8 }, newLayerId: 'layer-1' },
    ]);
    expect(s).toBe(BRUSH_IDLE);
  });

  it('ignores moves while idle and drops a cancelled stroke', () => {
    expect(brushReducer(BRUSH_IDLE, { type: 'move', x: 1, y: 1 }, opts).state).toBe(BRUSH_IDLE);
    const drawing = brushReducer(BRUSH_IDLE, { type: 'down', x: 1, y: 1 }, opts).state;
    const r = brushReducer(drawing, { type: 'cancel' }, opts);
    expect(r.commit).toBeUndefined();
  });

  it('turns a click into a dot', () => {
    const drawing = brushReducer(BRUSH_IDLE, { type: 'down', x: 3, y: 4 }, opts).state;
    const r = brushReducer(drawing, { type: 'up' }, opts);
    expect(r.commit).toMatchObject({ stroke: { points: [3, 4, 3, 4] } });
  });
});

describe('move tool', () => {
  const doc = applyCommand(emptyDocument(), {
    type: 'addWork',
    layer: { id: 'a', kind: 'work', workId: 'w', x: 100, y: 50, scale: 1, rotation: 0 },
  });

  it('previews a drag and commits one move on pointer-up', () => {
    let r = moveReducer(MOVE_IDLE, { type: 'grab', layerId: 'a', x: 10, y: 10 }, doc);
    r = moveReducer(r.state, { type: 'move', x: 20, y: 30 }, doc);
    expect(r.commit).toBeUndefined();
    expect(r.state).toMatchObject({ mode: 'dragging', dx: 10, dy: 20 });
    r = moveReducer(r.state, { type: 'up' }, doc);
    expect(r.commit).toEqual({ type: 'move', layerId: 'a', x: 110, y: 70 });
    expect(r.state).toBe(MOVE_IDLE);
  });

  it('commits nothing for a click without movement', () => {
    const grabbed = moveReducer(MOVE_IDLE, { type: 'grab', layerId: 'a', x: 10, y: 10 }, doc).state;
    expect(moveReducer(grabbed, { type: 'up' }, doc).commit).toBeUndefined();
  });
});
