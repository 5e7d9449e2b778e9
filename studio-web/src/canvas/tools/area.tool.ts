import type { ToolEvent } from './brush.tool';

/** A rectangle of the canvas, in document pixels. */
export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Choosing an area for a remix: a drag draws the rectangle, pointer-up sets it (editor state, not the document: it
 * is a choice, not a change of the picture). A click or a tiny drag clears it.
 */
export type AreaState = { mode: 'idle' } | { mode: 'dragging'; x0: number; y0: number; x1: number; y1: number };

export const AREA_IDLE: AreaState = { mode: 'idle' };
/** Smaller than this (document pixels) on either side, and it was a click. */
const MIN_SIDE = 8;

export function areaOf(s: Extract<AreaState, { mode: 'dragging' }>): Area {
  return { x: Math.round(Math.min(s.x0, s.x1)), y: Math.round(Math.min(s.y0, s.y1)), width: Math.round(Math.abs(s.x1 - s.x0)), height: Math.round(Math.abs(s.y1 - s.y0)) };
}

/** `area` is present on pointer-up: the chosen rectangle, or null to clear it. */
export function areaReducer(state: AreaState, ev: ToolEvent, doc: { width: number; height: number }): { state: AreaState; area?: Area | null } {
  switch (ev.type) {
    case 'down':
      return { state: { mode: 'dragging', x0: ev.x, y0: ev.y, x1: ev.x, y1: ev.y } };
    case 'move':
      return state.mode === 'dragging' ? { state: { ...state, x1: ev.x, y1: ev.y } } : { state };
    case 'up': {
      if (state.mode !== 'dragging') return { state };
      const a = clip(areaOf(state), doc);
      return { state: AREA_IDLE, area: a.width < MIN_SIDE || a.height < MIN_SIDE ? null : a };
    }
    case 'cancel':
      return { state: AREA_IDLE };
  }
}

/** The part of the area that lies on the document. */
function clip(a: Area, doc: { width: number; height: number }): Area {
  const x = Math.max(0, a.x);
  const y = Math.max(0, a.y);
  return { x, y, width: Math.max(0, Math.min(doc.width, a.x + a.width) - x), height: Math.max(0, Math.min(doc.height, a.y + a.height) - y) };
}
