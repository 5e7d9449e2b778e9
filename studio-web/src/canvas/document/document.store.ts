import type { Command } from './commands';
import { HISTORY_CAP, canRedo, canUndo, createHistory, endRun, execute, redo, undo, type History } from './history';
import { emptyDocument, type CanvasDocument } from './schema';
import { createStore, type Store } from './store';

/** The one store for the document: history in, present document out. */
export interface DocumentStore {
  store: Store<History>;
  /** `coalesce`: commands with the same key in a row make one undo step (a run of arrow nudges). */
  dispatch(cmd: Command, opts?: { coalesce?: string }): void;
  /** Ends a run of coalesced commands (the canvas lost focus, another key was pressed). */
  endRun(): void;
  undo(): void;
  redo(): void;
  reset(doc?: CanvasDocument): void;
  /** Replaces the whole history (a restored autosave, an opened draft); the undo cap still holds. */
  load(history: History): void;
  current(): CanvasDocument;
  canUndo(): boolean;
  canRedo(): boolean;
}

export function createDocumentStore(initial: CanvasDocument = emptyDocument(), cap?: number): DocumentStore {
  const store = createStore<History>(createHistory(initial));
  return {
    store,
    dispatch: (cmd, opts) => store.set((h) => execute(h, cmd, cap, opts?.coalesce)),
    endRun: () => store.set(endRun),
    undo: () => store.set(undo),
    redo: () => store.set(redo),
    reset: (doc = emptyDocument()) => store.set(createHistory(doc)),
    load: (h) => store.set({ past: h.past.slice(-(cap ?? HISTORY_CAP)), present: h.present, future: h.future }),
    current: () => store.get().present,
    canUndo: () => canUndo(store.get()),
    canRedo: () => canRedo(store.get()),
  };
}
