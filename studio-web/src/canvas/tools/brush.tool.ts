import type { Command } from '../document/commands';

/**
 * The brush (and the eraser, which is a brush that clears) as a state machine: a stroke is buffered here and
 * committed once, on pointer-up. An eraser stroke goes `into` one drawing; with no drawing to erase it does nothing.
 */
export type BrushState =
  | { mode: 'idle' }
  | { mode: 'drawing'; points: number[]; color: string; size: number; erase?: true; into?: string };

export type ToolEvent =
  | { type: 'down'; x: number; y: number }
  | { type: 'move'; x: number; y: number }
  | { type: 'up' }
  | { type: 'cancel' };

export interface BrushOptions {
  color: string;
  size: number;
  newId: () => string;
  /** The eraser: clears within the drawing `into` (null: there is no drawing to erase). */
  erase?: { into: string | null };
}

export interface ToolResult<S> {
  state: S;
  commit?: Command;
}

export const BRUSH_IDLE: BrushState = { mode: 'idle' };

const round = (n: number) => Math.round(n * 10) / 10;

export function brushReducer(state: BrushState, ev: ToolEvent, opts: BrushOptions): ToolResult<BrushState> {
  switch (ev.type) {
    case 'down': {
      if (opts.erase && !opts.erase.into) return { state: BRUSH_IDLE };
      const erase = opts.erase?.into ? { erase: true as const, into: opts.erase.into } : {};
      return { state: { mode: 'drawing', points: [round(ev.x), round(ev.y)], color: opts.color, size: opts.size, ...erase } };
    }
    case 'move': {
      if (state.mode !== 'drawing') return { state };
      const [lx, ly] = state.points.slice(-2) as [number, number];
      // Skip sub-pixel jitter: it bloats the saved document without changing the picture.
      if (Math.hypot(ev.x - lx, ev.y - ly) < 1) return { state };
      return { state: { ...state, points: [...state.points, round(ev.x), round(ev.y)] } };
    }
    case 'up': {
      if (state.mode !== 'drawing') return { state };
      // A click without movement still leaves a dot: Konva needs two points to draw it.
      const points = state.points.length === 2 ? [...state.points, ...state.points] : state.points;
      const stroke = { points, color: state.color, size: state.size, ...(state.erase ? { erase: true } : {}) };
      return { state: BRUSH_IDLE, commit: { type: 'addStroke', stroke, newLayerId: opts.newId(), ...(state.into ? { layerId: state.into } : {}) } };
    }
    case 'cancel':
      return { state: BRUSH_IDLE };
  }
}
