import { applyCommand, type Command } from './commands';
import type { CanvasDocument } from './schema';

/** Undo history as immutable snapshots: commands share structure, so a snapshot costs little. */
export interface History {
  past: CanvasDocument[];
  present: CanvasDocument;
  future: CanvasDocument[];
}

export const HISTORY_CAP = 100;

export function createHistory(present: CanvasDocument): History {
  return { past: [], present, future: [] };
}

export function execute(h: History, cmd: Command, cap = HISTORY_CAP): History {
  const next = applyCommand(h.present, cmd);
  if (next === h.present) return h; // a no-op must not cost an undo step
  const past = [...h.past, h.present];
  return { past: past.length > cap ? past.slice(past.length - cap) : past, present: next, future: [] };
}

export function undo(h: History): History {
  const prev = h.past[h.past.length - 1];
  if (!prev) return h;
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] };
}

export function redo(h: History): History {
  const [next, ...rest] = h.future;
  if (!next) return h;
  return { past: [...h.past, h.present], present: next, future: rest };
}

export const canUndo = (h: History): boolean => h.past.length > 0;
export const canRedo = (h: History): boolean => h.future.length > 0;
