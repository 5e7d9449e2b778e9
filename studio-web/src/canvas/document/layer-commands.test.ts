import { describe, expect, it } from 'vitest';
import { applyCommand, MAX_DOCUMENT_SIZE } from './commands';
import { createHistory, endRun, execute, undo } from './history';
import { emptyDocument, type CanvasDocument, type TextLayer, type WorkLayer } from './schema';

const work = (id: string): WorkLayer => ({ id, kind: 'work', workId: 'w', x: 0, y: 0, scale: 1, rotation: 0 });
const text = (id: string): TextLayer => ({ id, kind: 'text', text: 'Hallo', font: 'serif', size: 40, color: '#000', x: 5, y: 5, scale: 1, rotation: 0 });
const stroke = { points: [0, 0, 10, 10], color: '#000000', size: 4 };
const build = (...cmds: Parameters<typeof applyCommand>[1][]) => cmds.reduce<CanvasDocument>(applyCommand, emptyDocument());
const ids = (d: CanvasDocument) => d.layers.map((l) => l.id);

describe('layer order, visibility, opacity and lock', () => {
  const d = build({ type: 'addWork', layer: work('a') }, { type: 'addWork', layer: work('b') }, { type: 'addText', layer: text('t') });

  it('reorders within the stack and ignores moves past either end', () => {
    expect(ids(applyCommand(d, { type: 'reorder', layerId: 't', to: 0 }))).toEqual(['t', 'a', 'b']);
    expect(ids(applyCommand(d, { type: 'reorder', layerId: 'a', to: 99 }))).toEqual(['b', 't', 'a']);
    expect(applyCommand(d, { type: 'reorder', layerId: 't', to: 2 })).toBe(d);
  });

  it('hides, fades (clamped to 0..1) and locks, and a repeat changes nothing', () => {
    const hidden = applyCommand(d, { type: 'setAppearance', layerId: 'a', visible: false, opacity: 3 });
    expect(hidden.layers[0]).toMatchObject({ visible: false, opacity: 1 });
    expect(applyCommand(hidden, { type: 'setAppearance', layerId: 'a', visible: false })).toBe(hidden);
  });

  it('keeps a locked layer where it is: no move, transform, text edit or removal until unlocked', () => {
    const locked = applyCommand(d, { type: 'setAppearance', layerId: 't', locked: true });
    for (const cmd of [
      { type: 'move', layerId: 't', x: 50, y: 50 },
      { type: 'transform', layerId: 't', x: 0, y: 0, scale: 2, rotation: 45 },
      { type: 'editText', layerId: 't', patch: { text: 'Dag' } },
      { type: 'remove', layerId: 't' },
    ] as const)
      expect(applyCommand(locked, cmd)).toBe(locked);
    const open = applyCommand(locked, { type: 'setAppearance', layerId: 't', locked: false });
    expect(applyCommand(open, { type: 'move', layerId: 't', x: 50, y: 50 }).layers[2]).toMatchObject({ x: 50, y: 50 });
  });
});

describe('text, rotation and the eraser', () => {
  it('edits text, never to blank, and turns layers (remix layers too) in degrees', () => {
    let d = build({ type: 'addText', layer: text('t') });
    d = applyCommand(d, { type: 'editText', layerId: 't', patch: { text: 'Dag', font: 'hand' } });
    expect(d.layers[0]).toMatchObject({ text: 'Dag', font: 'hand' });
    expect(applyCommand(d, { type: 'editText', layerId: 't', patch: { text: '  ' } })).toBe(d);
    d = applyCommand(d, { type: 'transform', layerId: 't', x: 1, y: 2, scale: 1.5, rotation: 390 });
    expect(d.layers[0]).toMatchObject({ x: 1, y: 2, scale: 1.5, rotation: 30 });
    const r = build({ type: 'addRemix', layer: { id: 'r', kind: 'remix', remixId: 'x', x: 0, y: 0, width: 10, height: 10 } });
    expect(applyCommand(r, { type: 'transform', layerId: 'r', x: 0, y: 0, scale: 2, rotation: -90 }).layers[0]).toMatchObject({ width: 20, rotation: -90 });
  });

  it('puts an eraser stroke into the drawing it names, and nowhere when that drawing is locked or missing', () => {
    let d = build({ type: 'addStroke', stroke, newLayerId: 's' }, { type: 'addWork', layer: work('a') });
    const erase = { ...stroke, erase: true };
    const erased = applyCommand(d, { type: 'addStroke', stroke: erase, newLayerId: 'n', layerId: 's' });
    expect(ids(erased)).toEqual(['s', 'a']);
    expect(erased.layers[0]).toMatchObject({ strokes: [stroke, erase] });
    expect(applyCommand(d, { type: 'addStroke', stroke: erase, newLayerId: 'n' })).toBe(d);
    d = applyCommand(d, { type: 'setAppearance', layerId: 's', locked: true });
    expect(applyCommand(d, { type: 'addStroke', stroke: erase, newLayerId: 'n', layerId: 's' })).toBe(d);
  });

  it('starts a new drawing above a locked or hidden one', () => {
    const d = build({ type: 'addStroke', stroke, newLayerId: 's' }, { type: 'setAppearance', layerId: 's', locked: true });
    expect(ids(applyCommand(d, { type: 'addStroke', stroke, newLayerId: 's2' }))).toEqual(['s', 's2']);
  });

  it('grows the document to hold an upscaled layer, up to the limit', () => {
    const layer = { id: 'r', kind: 'remix' as const, remixId: 'x', x: 0, y: 0, width: 2048, height: 1536 };
    expect(applyCommand(emptyDocument(), { type: 'addRemix', layer, grow: true })).toMatchObject({ width: 2048, height: 1536 });
    expect(applyCommand(emptyDocument(), { type: 'addRemix', layer })).toMatchObject({ width: 1024, height: 1024 });
    const huge = { ...layer, width: 99_999 };
    expect(applyCommand(emptyDocument(), { type: 'addRemix', layer: huge, grow: true }).width).toBe(MAX_DOCUMENT_SIZE);
  });
});

describe('history coalescing', () => {
  it('makes a run of nudges of one layer one undo step, and ends the run on another command or endRun', () => {
    let h = createHistory(build({ type: 'addWork', layer: work('a') }));
    for (let i = 1; i <= 5; i++) h = execute(h, { type: 'move', layerId: 'a', x: i * 10, y: 0 }, 100, 'nudge:a');
    expect(h.past).toHaveLength(1);
    expect(h.present.layers[0]).toMatchObject({ x: 50 });
    expect(undo(h).present.layers[0]).toMatchObject({ x: 0 });

    h = endRun(h);
    h = execute(h, { type: 'move', layerId: 'a', x: 60, y: 0 }, 100, 'nudge:a');
    expect(h.past).toHaveLength(2);
    h = execute(h, { type: 'setAppearance', layerId: 'a', opacity: 0.5 });
    h = execute(h, { type: 'move', layerId: 'a', x: 70, y: 0 }, 100, 'nudge:a');
    expect(h.past).toHaveLength(4);
    expect(undo(h).present.layers[0]).toMatchObject({ x: 60, opacity: 0.5 });
  });

  it('never coalesces into nothing: the first command of a run is its own step', () => {
    let h = createHistory(build({ type: 'addWork', layer: work('a') }));
    h = execute(h, { type: 'move', layerId: 'a', x: 10, y: 0 }, 100, 'nudge:a');
    expect(h.past).toHaveLength(1);
    expect(undo(h).present.layers[0]).toMatchObject({ x: 0 });
  });
});
