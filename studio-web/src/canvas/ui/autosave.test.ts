import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CanvasDocument } from '../document/schema';
import { AUTOSAVE_ASIDE_KEY, AUTOSAVE_KEY, createSavedStudio, restoreStudio, startAutosave } from './autosave';
import { createStudio, patchEditor } from './studio';

const work = (id: string, workId = 'w1') => ({ id, kind: 'work' as const, workId, x: 0, y: 0, scale: 1, rotation: 0 });
const REMIX = '11111111-1111-4111-8111-111111111111';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the local autosave', () => {
  it('writes once a moment after a burst of changes, and a reload gets the canvas, its undo steps and lookups back', () => {
    const studio = createStudio();
    const stop = startAutosave(studio, localStorage, 400);
    for (let i = 0; i < 7; i++) studio.doc.dispatch({ type: 'addWork', layer: work(`l${i}`) });
    studio.doc.dispatch({ type: 'addRemix', layer: { id: 'r', kind: 'remix', remixId: REMIX, x: 0, y: 0, width: 9, height: 9 } });
    patchEditor(studio, {
      remixes: { [REMIX]: { id: REMIX, output: { url: '/api/gallery/drafts/d/remixes/x/output.png' } } as never, other: { id: 'other' } as never },
      works: { w1: { id: 'w1', title: 'The Harvesters' } as never },
      draftCode: 'ABCD2345',
    });
    const setItem = vi.spyOn(localStorage, 'setItem');
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBeNull();
    vi.advanceTimersByTime(400);
    expect(setItem).toHaveBeenCalledTimes(1);
    stop();

    const reloaded = createSavedStudio(localStorage);
    expect(reloaded.doc.current().layers).toHaveLength(8);
    expect(reloaded.editor.get().remixes[REMIX]?.output?.url).toBe('/api/gallery/drafts/d/remixes/x/output.png');
    expect(reloaded.editor.get().remixes.other).toBeUndefined();
    expect(reloaded.editor.get().works.w1?.title).toBe('The Harvesters');
    expect(reloaded.editor.get().draftCode).toBe('ABCD2345');
    reloaded.doc.undo();
    expect(reloaded.doc.current().layers).toHaveLength(7);
    reloaded.doc.redo();
    expect(reloaded.doc.current().layers).toHaveLength(8);
  });

  it('writes what is pending when the page is left', () => {
    const studio = createStudio();
    const stop = startAutosave(studio, localStorage, 10_000);
    studio.doc.dispatch({ type: 'addWork', layer: work('a') });
    window.dispatchEvent(new Event('pagehide'));
    expect(JSON.parse(localStorage.getItem(AUTOSAVE_KEY)!).history.present.layers).toHaveLength(1);
    stop();
  });

  it('opens a canvas saved by an older studio through the named migrations', () => {
    const old = { layers: [work('a')] }; // the prototype's: no version, no size
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify({ format: 1, history: { past: [], present: old, future: [] }, lookups: {} }));
    const doc: CanvasDocument = createSavedStudio(localStorage).doc.current();
    expect(doc).toEqual({ schemaVersion: 2, width: 1024, height: 1024, layers: [{ ...work('a'), visible: true, opacity: 1, locked: false }] });
  });

  it('keeps a canvas it cannot read aside, starts fresh and says so', () => {
    const broken = JSON.stringify({ format: 1, history: { present: { schemaVersion: 1, width: 10, height: 10, layers: [{ kind: '?' }] } } });
    localStorage.setItem(AUTOSAVE_KEY, broken);
    const studio = createSavedStudio(localStorage);
    expect(studio.doc.current().layers).toEqual([]);
    expect(studio.editor.get().restoreFailed).toBe(true);
    expect(JSON.parse(localStorage.getItem(AUTOSAVE_ASIDE_KEY)!).saved).toBe(broken);
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBeNull();
    localStorage.setItem(AUTOSAVE_KEY, '{not json');
    expect(restoreStudio(createStudio(), localStorage)).toBe('unreadable');
  });

  it('works without storage: blocked storage restores nothing, a full one keeps the canvas without its history', () => {
    const blocked = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => undefined, removeItem: () => undefined };
    expect(restoreStudio(createStudio(), blocked)).toBe('nothing');

    const kept = new Map<string, string>();
    const small = {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (v.length > 800) throw new DOMException('full', 'QuotaExceededError');
        kept.set(k, v);
      },
      removeItem: (k: string) => void kept.delete(k),
    };
    const studio = createStudio();
    const stop = startAutosave(studio, small, 10);
    for (let i = 0; i < 4; i++) studio.doc.dispatch({ type: 'addWork', layer: work(`l${i}`) });
    vi.advanceTimersByTime(10);
    stop();
    const saved = JSON.parse(kept.get(AUTOSAVE_KEY)!);
    expect(saved.history.present.layers).toHaveLength(4);
    expect(saved.history.past).toEqual([]);
  });
});
