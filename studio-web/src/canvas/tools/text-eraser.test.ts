import { describe, expect, it } from 'vitest';
import { applyCommand } from '../document/commands';
import { emptyDocument, type CanvasDocument } from '../document/schema';
import { eraserTarget } from '../ui/useToolInput';
import { BRUSH_IDLE, brushReducer, type BrushState, type ToolEvent } from './brush.tool';
import { TEXT_IDLE, textReducer, type TextState } from './text.tool';

const run = <S>(reduce: (s: S, ev: ToolEvent) => { state: S; commit?: unknown }, start: S, events: ToolEvent[]) => {
  let s = start;
  const commits: unknown[] = [];
  for (const ev of events) {
    const r = reduce(s, ev);
    s = r.state;
    if (r.commit) commits.push(r.commit);
  }
  return { state: s, commits };
};

describe('eraser', () => {
  const opts = (into: string | null) => ({ color: '#ff0000', size: 20, newId: () => 'new', erase: { into } });
  const stroke: ToolEvent[] = [{ type: 'down', x: 1, y: 1 }, { type: 'move', x: 9, y: 9 }, { type: 'up' }];

  it('commits one erase stroke into its drawing, on pointer-up', () => {
    const { commits, state } = run<BrushState>((s, ev) => brushReducer(s, ev, opts('s1')), BRUSH_IDLE, stroke);
    expect(commits).toEqual([{ type: 'addStroke', stroke: { points: [1, 1, 9, 9], color: '#ff0000', size: 20, erase: true }, newLayerId: 'new', layerId: 's1' }]);
    expect(state).toBe(BRUSH_IDLE);
  });

  it('does nothing where there is no drawing to erase', () => {
    expect(run<BrushState>((s, ev) => brushReducer(s, ev, opts(null)), BRUSH_IDLE, stroke).commits).toEqual([]);
  });

  it('erases in the selected drawing, else the top visible, unlocked one', () => {
    const add = (d: CanvasDocument, id: string) =>
      applyCommand(applyCommand(d, { type: 'addWork', layer: { id: `w-${id}`, kind: 'work', workId: 'w', x: 0, y: 0, scale: 1, rotation: 0 } }), {
        type: 'addStroke',
        stroke: { points: [0, 0, 1, 1], color: '#000', size: 2 },
        newLayerId: id,
      });
    let d = add(add(emptyDocument(), 's1'), 's2');
    expect(eraserTarget(d, null)).toBe('s2');
    expect(eraserTarget(d, 's1')).toBe('s1');
    d = applyCommand(d, { type: 'setAppearance', layerId: 's2', visible: false });
    expect(eraserTarget(d, 's2')).toBe('s1');
    d = applyCommand(d, { type: 'setAppearance', layerId: 's1', locked: true });
    expect(eraserTarget(d, null)).toBeNull();
  });
});

describe('text tool', () => {
  const opts = (text: string) => ({ text, font: 'hand' as const, size: 40, color: '#123456', newId: () => 't1' });

  it('places one text layer where a tap lands', () => {
    const { commits } = run<TextState>((s, ev) => textReducer(s, ev, opts(' Hallo ')), TEXT_IDLE, [{ type: 'down', x: 100, y: 200 }, { type: 'move', x: 102, y: 201 }, { type: 'up' }]);
    expect(commits).toEqual([
      { type: 'addText', layer: { id: 't1', kind: 'text', text: 'Hallo', font: 'hand', size: 40, color: '#123456', x: 100, y: 180, scale: 1, rotation: 0 } },
    ]);
  });

  it('places nothing for a drag or without words', () => {
    expect(run<TextState>((s, ev) => textReducer(s, ev, opts('Hallo')), TEXT_IDLE, [{ type: 'down', x: 0, y: 0 }, { type: 'move', x: 80, y: 0 }, { type: 'up' }]).commits).toEqual([]);
    expect(run<TextState>((s, ev) => textReducer(s, ev, opts('  ')), TEXT_IDLE, [{ type: 'down', x: 0, y: 0 }, { type: 'up' }]).commits).toEqual([]);
  });
});
