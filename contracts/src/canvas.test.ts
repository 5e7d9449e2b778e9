import { describe, expect, it } from 'vitest';
import { CANVAS_MIGRATIONS, CANVAS_SCHEMA_VERSION, CanvasDocumentError, migrateCanvasDocument, remixIdsOf, strokeCountOf, workIdsOf } from './canvas';
import { parseCanvasDocument } from './canvas.schema';

describe('parseCanvasDocument', () => {
  it('upgrades an unversioned prototype draft through the named steps', () => {
    const doc = parseCanvasDocument({ layers: [{ id: 'a', kind: 'strokes', strokes: [] }] });
    expect(doc).toEqual({
      schemaVersion: 2,
      width: 1024,
      height: 1024,
      layers: [{ id: 'a', kind: 'strokes', strokes: [], visible: true, opacity: 1, locked: false }],
    });
  });

  it('opens a version 1 canvas (autosave, draft or published creation) through 0002: shown, opaque, unlocked, unturned', () => {
    const v1 = {
      schemaVersion: 1,
      width: 800,
      height: 600,
      layers: [
        { id: 'w', kind: 'work', workId: 'a', x: 1, y: 2, scale: 1, rotation: 5 },
        { id: 'r', kind: 'remix', remixId: '6f1c2f0e-1c1a-4b8e-9a55-3f1f2d7c9b10', x: 0, y: 0, width: 10, height: 10 },
      ],
    };
    const doc = parseCanvasDocument(v1);
    expect(doc.schemaVersion).toBe(2);
    expect(doc.layers[0]).toEqual({ ...v1.layers[0], visible: true, opacity: 1, locked: false });
    expect(doc.layers[1]).toEqual({ ...v1.layers[1], visible: true, opacity: 1, locked: false, rotation: 0 });
    expect(CANVAS_MIGRATIONS.map((m) => m.name)).toEqual(['0001-add-version-and-size', '0002-layer-appearance-and-text']);
  });

  it('reads the version 2 layers: text, hidden and locked layers, eraser strokes', () => {
    const doc = {
      schemaVersion: 2,
      width: 100,
      height: 100,
      layers: [
        { id: 't', kind: 'text', text: 'Hallo', font: 'serif', size: 48, color: '#000', x: 1, y: 1, scale: 1, rotation: 30, locked: true },
        { id: 's', kind: 'strokes', visible: false, opacity: 0.5, strokes: [{ points: [0, 0, 1, 1], color: '#000', size: 4, erase: true }] },
      ],
    };
    expect(parseCanvasDocument(doc)).toEqual(doc);
    expect(() => parseCanvasDocument({ ...doc, layers: [{ ...doc.layers[0], font: 'Comic Neue from a CDN' }] })).toThrow(CanvasDocumentError);
    expect(() => parseCanvasDocument({ ...doc, layers: [{ ...doc.layers[1], opacity: 2 }] })).toThrow(CanvasDocumentError);
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
