import type { CanvasDocument } from '../document/schema';
import type { ToolEvent, ToolResult } from './brush.tool';

/** Dragging a layer: the offset is a preview until pointer-up, which commits one move command. */
export type MoveState =
  | { mode: 'idle' }
  | { mode: 'dragging'; layerId: string; startX: number; startY: number; originX: number; originY: number; dx: number; dy: number };

export const MOVE_IDLE: MoveState = { mode: 'idle' };

export type MoveEvent = ToolEvent | { type: 'grab'; layerId: string; x: number; y: number };

export function moveReducer(state: MoveState, ev: MoveEvent, doc: CanvasDocument): ToolResult<MoveState> {
  switch (ev.type) {
    case 'grab': {
      const layer = doc.layers.find((l) => l.id === ev.layerId);
      if (!layer || layer.kind === 'strokes' || layer.locked) return { state: MOVE_IDLE }; // a locked layer stays put
      return {
        state: { mode: 'dragging', layerId: layer.id, startX: ev.x, startY: ev.y, originX: layer.x, originY: layer.y, dx: 0, dy: 0 },
      };
    }
    case 'move':
      if (state.mode !== 'dragging') return { state };
      return { state: { ...state, dx: ev.x - state.startX, dy: ev.y - state.startY } };
    case 'up': {
      if (state.mode !== 'dragging') return { state };
      if (state.dx === 0 && state.dy === 0) return { state: MOVE_IDLE };
      const x = Math.round(state.originX + state.dx);
      const y = Math.round(state.originY + state.dy);
      return { state: MOVE_IDLE, commit: { type: 'move', layerId: state.layerId, x, y } };
    }
    case 'down':
    case 'cancel':
      return { state: MOVE_IDLE };
  }
}
