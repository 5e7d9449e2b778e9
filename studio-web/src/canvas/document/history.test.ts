import { describe, expect, it } from 'vitest';
import { createDocumentStore } from './document.store';
import { createHistory, execute, redo, undo } from './history';
import { emptyDocument, type WorkLayer } from './schema';

const work = (id: string): WorkLayer => ({ id, kind: 'work', workId: 'w', x: 0, y: 0, scale: 1, rotation: 0 });

describe('history', () => {
  it('undoes and redoes, and a new command clears the redo stack', () => {
    let h = createHistory(emptyDocument());
    h = execute(h, { type: 'addWork', layer: work('a') });
    h = execute(h, { type: 'move', layerId: 'a', x: 10, y: 10 });
    h = undo(h);
    expect(h.present.layers[0]).toMatchObject({ x: 0 });
    h = redo(h);
    expect(h.present.layers[0]).toMatchObject({ x: 10 });
    h = undo(h);
    h = execute(h, { type: 'move', layerId: 'a', x: 3, y: 3 });
    expect(h.future).toHaveLength(0);
    expect(redo(h)).toBe(h);
  });

  it('is capped', () => {
    let h = createHistory(emptyDocument());
    h = execute(h, { type: 'addWork', layer: work('a') }, 5);
    for (let i = 1; i <= 20; i++) h = execute(h, { type: 'move', layerId: 'a', x: i, y: 0 }, 5);
    expect(h.past).toHaveLength(5);
    for (let i = 0; i < 10; i++) h = undo(h);
    expect(h.present.layers[0]).toMatchObject({ x: 15 });
  });

  it('does not record no-ops', () => {
    const h = createHistory(emptyDocument());
    expect(execute(h, { type: 'remove', layerId: 'nope' })).toBe(h);
  });

  it('keeps selection and camera out of the document and its history', () => {
    const store = createDocumentStore();
    store.dispatch({ type: 'addWork', layer: work('a') });
    const doc = store.current();
    expect(Object.keys(doc).sort()).toEqual(['height', 'layers', 'schemaVersion', 'width']);
    expect(Object.keys(doc.layers[0]!).sort()).toEqual(['id', 'kind', 'rotation', 'scale', 'workId', 'x', 'y']);
    expect(store.store.get().past).toHaveLength(1);
    store.undo();
    expect(store.canUndo()).toBe(false);
    expect(store.canRedo()).toBe(true);
  });
});
