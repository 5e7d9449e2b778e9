import { describe, expect, it } from 'vitest';
import { CANVAS_SCHEMA_VERSION, CanvasDocumentError, migrateCanvasDocument, remixIdsOf, strokeCountOf, workIdsOf } from './canvas';
import { parseCanvasDocument } from './canvas.schema';

describe('parseCanvasDocument', () => {
  it('upgrades an unversioned prototype draft through the named steps', () => {
    const doc = parseCanvasDocument({ layers: [{ id: 'a', kind: 'strokes', strokes: [] }] });
    expect(doc).toEqual({ schemaVersion: 1, width: 1024, height: 1024, layers: [{ id: 'a', kind: 'strokes', strokes: [] }] });
  });

  it('leaves a current document as it is', () => {
    const current = { schemaVersion: CANVAS_SCHEMA_VERSION, width: 800, height: 600, layers: [] };
    expect(parseCanvasDocument(current)).toEqual(current);
  });

  it('refuses documents from the future and malformed input', () => {
    expect(() => parseCanvasDocument({ schemaVersion: 99, width: 1, height: 1, layers: [] })).toThrow(CanvasDocumentError);
    expect(() => parseCanvasDocument('nope')).toThrow(CanvasDocumentError);
    expect(() => parseCanvasDocument({ schemaVersion: 1, width: 'x', layers: [] })).toThrow(CanvasDocumentError);
    expect(() => parseCanvasDocument({ schemaVersion: 1, width: 10, height: 10, layers: [{ id: 'a', kind: 'glue' }] })).toThrow(CanvasDocumentError);
  });

  it('says which step is missing', () => {
    expect(() => migrateCanvasDocument({ layers: [] }, [])).toThrow(/no migration from version 0/);
  });
});

describe('document rules', () => {
  const doc = {
    layers: [
      { id: '1', kind: 'work' as const, workId: 'a', x: 0, y: 0, scale: 1, rotation: 0 },
      { id: '2', kind: 'strokes' as const, strokes: [{ points: [0, 0, 1, 1], color: '#000', size: 2 }, { points: [], color: '#fff', size: 1 }] },
      { id: '3', kind: 'work' as const, workId: 'a', x: 5, y: 5, scale: 1, rotation: 0 },
      { id: '4', kind: 'remix' as const, remixId: 'r', x: 0, y: 0, width: 1, height: 1 },
    ],
  };
  it('names each work and remix once, in layer order, and counts strokes', () => {
    expect(workIdsOf(doc)).toEqual(['a']);
    expect(remixIdsOf(doc)).toEqual(['r']);
    expect(strokeCountOf(doc)).toBe(2);
  });
});
