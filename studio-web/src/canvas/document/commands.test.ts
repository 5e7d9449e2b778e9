import { describe, expect, it } from 'vitest';
import { applyCommand, MAX_SCALE } from './commands';
import { emptyDocument, remixIdsOf, workIdsOf, type CanvasDocument, type WorkLayer } from './schema';

const work = (id: string, workId = 'w1'): WorkLayer => ({ id, kind: 'work', workId, x: 0, y: 0, scale: 1, rotation: 0 });
const stroke = { points: [0, 0, 10, 10], color: '#000000', size: 4 };

describe('applyCommand', () => {
  it('adds, moves, scales and removes a work layer without mutating the input', () => {
    const d0 = emptyDocument();
    const d1 = applyCommand(d0, { type: 'addWork', layer: work('a') });
    const d2 = applyCommand(d1, { type: 'move', layerId: 'a', x: 5, y: 6 });
    const d3 = applyCommand(d2, { type: 'transform', layerId: 'a', x: 1, y: 2, scale: 2 });
    expect(d0.layers).toHaveLength(0);
    expect(d1.layers[0]).toMatchObject({ x: 0, y: 0 });
    expect(d2.layers[0]).toMatchObject({ x: 5, y: 6, scale: 1 });
    expect(d3.layers[0]).toMatchObject({ x: 1, y: 2, scale: 2 });
    expect(applyCommand(d3, { type: 'remove', layerId: 'a' }).layers).toHaveLength(0);
  });

  it('clamps the scale', () => {
    const d = applyCommand(applyCommand(emptyDocument(), { type: 'addWork', layer: work('a') }), {
      type: 'transform', layerId: 'a', x: 0, y: 0, scale: 1000,
    });
    expect((d.layers[0] as WorkLayer).scale).toBe(MAX_SCALE);
  });

  it('scales a remix layer by its size', () => {
    const d = applyCommand(
      applyCommand(emptyDocument(), { type: 'addRemix', layer: { id: 'r', kind: 'remix', remixId: 'x', x: 0, y: 0, width: 100, height: 50 } }),
      { type: 'transform', layerId: 'r', x: 0, y: 0, scale: 2 },
    );
    expect(d.layers[0]).toMatchObject({ width: 200, height: 100 });
  });

  it('appends strokes to the top strokes layer and starts a new one above other layers', () => {
    let d: CanvasDocument = emptyDocument();
    d = applyCommand(d, { type: 'addStroke', stroke, newLayerId: 's1' });
    d = applyCommand(d, { type: 'addStroke', stroke, newLayerId: 's2' });
    expect(d.layers).toHaveLength(1);
    expect(d.layers[0]).toMatchObject({ id: 's1', kind: 'strokes' });
    d = applyCommand(d, { type: 'addWork', layer: work('a') });
    d = applyCommand(d, { type: 'addStroke', stroke, newLayerId: 's3' });
    expect(d.layers.map((l) => l.id)).toEqual(['s1', 'a', 's3']);
  });

  it('returns the same document for no-ops', () => {
    const d = emptyDocument();
    expect(applyCommand(d, { type: 'move', layerId: 'missing', x: 1, y: 1 })).toBe(d);
    expect(applyCommand(d, { type: 'remove', layerId: 'missing' })).toBe(d);
    expect(applyCommand(d, { type: 'addStroke', stroke: { ...stroke, points: [1] }, newLayerId: 's' })).toBe(d);
  });

  it('lists distinct works and remixes', () => {
    let d = applyCommand(emptyDocument(), { type: 'addWork', layer: work('a', 'w1') });
    d = applyCommand(d, { type: 'addWork', layer: work('b', 'w1') });
    d = applyCommand(d, { type: 'addRemix', layer: { id: 'r', kind: 'remix', remixId: 'rx', x: 0, y: 0, width: 1, height: 1 } });
    expect(workIdsOf(d)).toEqual(['w1']);
    expect(remixIdsOf(d)).toEqual(['rx']);
  });
});
