import { useCallback } from 'react';
import { isLocked, isVisible } from '../document/commands';
import type { CanvasDocument } from '../document/schema';
import { brushReducer, type ToolEvent } from '../tools/brush.tool';
import { moveReducer, type MoveEvent } from '../tools/move.tool';
import { textReducer } from '../tools/text.tool';
import { areaReducer } from '../tools/area.tool';
import { patchEditor, type EditorState, type Studio } from './studio';

/** The drawing the eraser works in: the selected one, else the top visible, unlocked drawing. */
export function eraserTarget(doc: CanvasDocument, selectedId: string | null): string | null {
  const usable = doc.layers.filter((l) => l.kind === 'strokes' && isVisible(l) && !isLocked(l));
  return (usable.find((l) => l.id === selectedId) ?? usable[usable.length - 1])?.id ?? null;
}

/** Feeds pointer events to the tool state machines and commits what they return. */
export function useToolInput(studio: Studio) {
  return useCallback(
    (ev: ToolEvent | MoveEvent) => {
      const s: EditorState = studio.editor.get();
      const newId = () => crypto.randomUUID();
      if ((s.tool === 'brush' || s.tool === 'eraser') && ev.type !== 'grab') {
        const erase = s.tool === 'eraser' ? { into: eraserTarget(studio.doc.current(), s.selectedId) } : undefined;
        const r = brushReducer(s.brush, ev, { color: s.brushColor, size: s.brushSize, newId, ...(erase ? { erase } : {}) });
        patchEditor(studio, { brush: r.state });
        if (r.commit) studio.doc.dispatch(r.commit);
      } else if (s.tool === 'text' && ev.type !== 'grab') {
        const r = textReducer(s.text, ev, { text: s.textDraft, font: s.textFont, size: s.textSize, color: s.brushColor, newId });
        patchEditor(studio, { text: r.state });
        if (r.commit?.type === 'addText') {
          studio.doc.dispatch(r.commit);
          patchEditor(studio, { selectedId: r.commit.layer.id, tool: 'move' });
        }
      } else if (s.tool === 'area' && ev.type !== 'grab') {
        const r = areaReducer(s.areaTool, ev, studio.doc.current());
        patchEditor(studio, { areaTool: r.state, ...(r.area !== undefined ? { area: r.area } : {}) });
      } else if (s.tool === 'move') {
        const r = moveReducer(s.move, ev, studio.doc.current());
        patchEditor(studio, { move: r.state });
        if (r.commit) studio.doc.dispatch(r.commit);
      }
    },
    [studio],
  );
}
