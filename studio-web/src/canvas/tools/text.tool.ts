import type { TextFont, TextLayer } from '../document/schema';
import type { ToolEvent, ToolResult } from './brush.tool';

/** Placing text: a tap or click puts one text layer where it landed (a drag is not a placement). */
export type TextState = { mode: 'idle' } | { mode: 'placing'; x: number; y: number };

export const TEXT_IDLE: TextState = { mode: 'idle' };

export interface TextOptions {
  text: string;
  font: TextFont;
  size: number;
  color: string;
  newId: () => string;
}

/** Further than this (document pixels) between down and up, and it was a drag, not a tap. */
const TAP_SLOP = 12;

export function textReducer(state: TextState, ev: ToolEvent, opts: TextOptions): ToolResult<TextState> {
  switch (ev.type) {
    case 'down':
      return { state: { mode: 'placing', x: ev.x, y: ev.y } };
    case 'move':
      if (state.mode !== 'placing') return { state };
      return Math.hypot(ev.x - state.x, ev.y - state.y) > TAP_SLOP ? { state: TEXT_IDLE } : { state };
    case 'up': {
      if (state.mode !== 'placing' || !opts.text.trim()) return { state: TEXT_IDLE };
      const layer: TextLayer = {
        id: opts.newId(),
        kind: 'text',
        text: opts.text.trim(),
        font: opts.font,
        size: opts.size,
        color: opts.color,
        x: Math.round(state.x),
        y: Math.round(state.y - opts.size / 2),
        scale: 1,
        rotation: 0,
      };
      return { state: TEXT_IDLE, commit: { type: 'addText', layer } };
    }
    case 'cancel':
      return { state: TEXT_IDLE };
  }
}
