import { CanvasDocumentError } from '@atelier/contracts/canvas';
import { describe, expect, it } from 'vitest';
import { createHistory, execute } from './history';
import { boundedHistory, loadSavedDocument, loadSavedHistory, SAVED_HISTORY_MAX } from './saved-canvas';
import { emptyDocument, type CanvasDocument } from './schema';

const work = (id: string) => ({ id, kind: 'work' as const, workId: 'w', x: 0, y: 0, scale: 1, rotation: 0 });
const shown = <T extends object>(l: T) => ({ ...l, visible: true, opacity: 1, locked: false });
const stroke = { points: [0, 0, 10, 10], color: '#000000', size: 4 };

describe('loadSavedDocument', () => {
  it('runs the named migrations: an unversioned prototype canvas opens as the current version', () => {
    expect(loadSavedDocument({ layers: [work('a')] })).toEqual({ schemaVersion: 2, width: 1024, height: 1024, layers: [shown(work('a'))] });
  });
  it('opens a version 1 canvas (before visibility, lock, opacity and text) as the current version', () => {
    const v1 = { schemaVersion: 1, width: 640, height: 480, layers: [work('a'), { id: 'r', kind: 'remix', remixId: 'x', x: 0, y: 0, width: 5, height: 5 }] };
    expect(loadSavedDocument(v1).layers).toEqual([shown(work('a')), { ...shown(v1.layers[1]!), rotation: 0 }]);
  });

  it('reads every kind of layer it knows and refuses what the renderer could not draw', () => {
    const doc: CanvasDocument = {
      ...emptyDocument(),
      layers: [
        work('a'),
        { id: 's', kind: 'strokes', strokes: [stroke, { ...stroke, erase: true }], visible: false },
        { id: 'r', kind: 'remix', remixId: 'x', x: 1, y: 2, width: 3, height: 4, rotation: 10, opacity: 0.5, locked: true },
        { id: 't', kind: 'text', text: 'Hoi', font: 'hand', size: 40, color: '#000000', x: 1, y: 1, scale: 1, rotation: 0 },
      ],
    };
    expect(loadSavedDocument(doc)).toEqual(doc);
    for (const bad of [
      { ...doc, layers: [{ ...work('a'), x: 'left' }] },
      { ...doc, layers: [{ id: 'g', kind: 'glue' }] },
      { ...doc, layers: [{ ...work('a'), opacity: 3 }] },
      { ...doc, layers: [{ id: 't', kind: 'text', text: 'x', font: 'webfont', size: 4, color: '#000', x: 0, y: 0, scale: 1, rotation: 0 }] },
      { ...doc, layers: [{ id: 's', kind: 'strokes', strokes: [{ ...stroke, points: [0, null] }] }] },
      { ...doc, width: 0 },
      { ...doc, schemaVersion: 99 },
      'a string',
      null,
    ])
      expect(() => loadSavedDocument(bad)).toThrow(CanvasDocumentError);
  });

  it('reads a whole history, each step migrated', () => {
    const h = loadSavedHistory({ past: [{ layers: [] }], present: { layers: [work('a')] }, future: [] });
    expect(h.past[0]).toEqual(emptyDocument());
    expect(h.present.layers).toEqual([shown(work('a'))]);
    expect(() => loadSavedHistory({ past: [{ layers: [{ id: 1 }] }], present: emptyDocument(), future: [] })).toThrow(CanvasDocumentError);
    expect(() => loadSavedHistory(undefined)).toThrow(CanvasDocumentError);
  });
});

describe('boundedHistory', () => {
  let h = createHistory(emptyDocument());
  for (let i = 0; i < 40; i++) h = execute(h, { type: 'addWork', layer: work(`l${i}`) });

  it(`keeps at most ${SAVED_HISTORY_MAX} undo and redo steps`, () => {
    const b = boundedHistory({ ...h, future: h.past.slice(0, 30) }, 10_000_000)!;
    expect(b.past).toHaveLength(SAVED_HISTORY_MAX);
    expect(b.past.at(-1)).toBe(h.past.at(-1));
    expect(b.future).toHaveLength(SAVED_HISTORY_MAX);
    expect(b.present).toBe(h.present);
  });

  it('drops the oldest steps until it fits, and answers null when the canvas alone does not', () => {
    const limit = JSON.stringify(h.present).length * 3;
    const b = boundedHistory(h, limit)!;
    const size = [b.present, ...b.past, ...b.future].reduce((n, d) => n + JSON.stringify(d).length + 1, 0);
    expect(size).toBeLessThanOrEqual(limit);
    expect(b.past.length).toBeGreaterThan(0);
    expect(b.past.at(-1)).toBe(h.past.at(-1));
    expect(boundedHistory(h, 10)).toBeNull();
  });
});
