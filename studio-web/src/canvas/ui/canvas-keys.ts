import { isLocked } from '../document/commands';
import { findLayer } from '../document/schema';
import { patchEditor, type Studio } from './studio';

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * The canvas's keys. A run of arrow nudges of one layer is one undo step (the history coalesces them); any other key
 * ends the run. Answers whether the key was used.
 */
export function canvasKey(studio: Studio, e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>, camera: { zoomIn(): void; zoomOut(): void; fit(): void }): boolean {
  const arrow = ARROWS[e.key];
  if (!arrow) studio.doc.endRun();
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (e.key === '+' || e.key === '=') return (camera.zoomIn(), true);
  if (e.key === '-') return (camera.zoomOut(), true);
  if (e.key === '0') return (camera.fit(), true);
  const sel = findLayer(studio.doc.current(), studio.editor.get().selectedId);
  if (!sel) return false;
  if (e.key === 'Escape') return (patchEditor(studio, { selectedId: null }), true);
  if (isLocked(sel)) return false;
  if (arrow && sel.kind !== 'strokes') {
    const step = e.shiftKey ? 50 : 10;
    studio.doc.dispatch({ type: 'move', layerId: sel.id, x: sel.x + arrow[0] * step, y: sel.y + arrow[1] * step }, { coalesce: `nudge:${sel.id}` });
    return true;
  }
  if (e.key === 'Delete' || e.key === 'Backspace') {
    studio.doc.dispatch({ type: 'remove', layerId: sel.id });
    patchEditor(studio, { selectedId: null });
    return true;
  }
  return false;
}
