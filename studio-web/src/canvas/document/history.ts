import { applyCommand, type Command } from './commands';
import type { CanvasDocument } from './schema';

/** Undo history as immutable snapshots: commands share structure, so a snapshot costs little. */
export interface History {
  past: CanvasDocument[];
  present: CanvasDocument;
  future: CanvasDocument[];
  /** The run the last command belonged to (arrow nudges of one layer): the next command of the same run joins its step. */
  coalesceKey?: string;
}

export const HISTORY_CAP = 100;

export function createHistory(present: CanvasDocument): History {
  return { past: [], present, future: [] };
}

/** Applies `cmd`; with a `coalesce` key equal to the last command's, it changes the last undo step instead of adding one. */
export function execute(h: History, cmd: Command, cap = HISTORY_CAP, coalesce?: string): History {
  const next = applyCommand(h.present, cmd);
  if (next === h.present) return h; // a no-op must not cost an undo step
  if (coalesce !== undefined && coalesce === h.coalesceKey && h.past.length > 0) {
    return { past: h.past, present: next, future: [], coalesceKey: coalesce };
  }
  const past = [...h.past, h.present];
  return {
    past: past.length > cap ? past.slice(past.length - cap) : past,
    present: next,
    future: [],
    ...(coalesce !== undefined ? { coalesceKey: coalesce } : {}),
  };
}

/** Ends a run of coalesced commands: the next one starts its own undo step. */
export function endRun(h: History): History {
  if (h.coalesceKey === undefined) return h;
  const { coalesceKey: _ended, ...rest } = h;
  return rest;
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
