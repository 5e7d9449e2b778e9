import type Konva from 'konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { remixOutputUrl } from '../../api/inference.client';
import { workLayerImageUrl } from '../../api/gallery.client';
import { useI18n } from '../../i18n';
import { workImageKey, type Layer } from '../document/schema';
import { CanvasRenderer } from '../render/CanvasRenderer';
import { flattenLayer } from '../render/flatten';
import { brushReducer, type ToolEvent } from '../tools/brush.tool';
import { moveReducer, type MoveEvent } from '../tools/move.tool';
import { patchEditor, useEditor, useHistory, useStudio, type Studio } from './studio';

/** Feeds pointer events to the tool state machines and commits what they return. */
function useToolInput(studio: Studio) {
  const send = useCallback(
    (ev: ToolEvent | MoveEvent) => {
      const s = studio.editor.get();
      if (s.tool === 'brush' && ev.type !== 'grab') {
        const r = brushReducer(s.brush, ev, { color: s.brushColor, size: s.brushSize, newId: () => crypto.randomUUID() });
        patchEditor(studio, { brush: r.state });
        if (r.commit) studio.doc.dispatch(r.commit);
      } else if (s.tool === 'move') {
        const r = moveReducer(s.move, ev, studio.doc.current());
        patchEditor(studio, { move: r.state });
        if (r.commit) studio.doc.dispatch(r.commit);
      }
    },
    [studio],
  );
  return send;
}

export function CanvasArea() {
  const studio = useStudio();
  const { t } = useI18n();
  const doc = useHistory().present;
  const s = useEditor((e) => e);
  const wrapRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<Konva.Layer | null>(null);
  const send = useToolInput(studio);

  // The camera: fit the document into the available width and the viewport height.
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const fit = () => {
      const maxH = Math.max(240, window.innerHeight - 280);
      const scale = Math.min(el.clientWidth / doc.width, maxH / doc.height) || 1;
      patchEditor(studio, { viewScale: Math.max(0.1, Math.min(scale, 1.5)) });
    };
    fit();
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(fit);
    ro?.observe(el);
    window.addEventListener('resize', fit);
    return () => {
      ro?.disconnect();
      window.removeEventListener('resize', fit);
    };
  }, [studio, doc.width, doc.height]);

  useEffect(() => {
    studio.flatten = () => {
      const layer = contentRef.current;
      const d = studio.doc.current();
      return layer ? flattenLayer(layer, d.width, d.height, studio.editor.get().viewScale) : Promise.reject(new Error('no canvas'));
    };
    return () => {
      studio.flatten = null;
    };
  }, [studio]);

  const toDoc = useCallback(
    (clientX: number, clientY: number) => {
      const rect = wrapRef.current?.querySelector('canvas')?.getBoundingClientRect();
      const scale = studio.editor.get().viewScale;
      return rect ? { x: (clientX - rect.left) / scale, y: (clientY - rect.top) / scale } : { x: 0, y: 0 };
    },
    [studio],
  );

  // A gesture follows the pointer on window from its first event, so neither leaving the canvas
  // nor a fast pointer-up before React re-renders can drop it.
  const endGesture = useRef<(() => void) | null>(null);
  const beginGesture = () => {
    endGesture.current?.();
    const move = (e: PointerEvent) => send({ type: 'move', ...toDoc(e.clientX, e.clientY) });
    const finish = (type: 'up' | 'cancel') => () => {
      endGesture.current?.();
      send({ type });
    };
    const up = finish('up');
    const cancel = finish('cancel');
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', cancel);
    endGesture.current = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', cancel);
      endGesture.current = null;
    };
  };
  useEffect(() => () => endGesture.current?.(), []);

  const onPointerDown = (e: KonvaEventObject<PointerEvent>) => {
    const pt = toDoc(e.evt.clientX, e.evt.clientY);
    if (studio.editor.get().tool === 'brush') {
      beginGesture();
      return send({ type: 'down', ...pt });
    }
    const hit = e.target.findAncestor('.doc-layer', true) as Konva.Node | undefined;
    const layerId = hit?.id();
    patchEditor(studio, { selectedId: layerId ?? null });
    if (layerId) {
      beginGesture();
      send({ type: 'grab', layerId, ...pt });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const sel = doc.layers.find((l) => l.id === s.selectedId);
    if (!sel) return;
    const step = e.shiftKey ? 50 : 10;
    const delta: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const d = delta[e.key];
    if (d && sel.kind !== 'strokes') {
      e.preventDefault();
      studio.doc.dispatch({ type: 'move', layerId: sel.id, x: sel.x + d[0], y: sel.y + d[1] });
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      studio.doc.dispatch({ type: 'remove', layerId: sel.id });
      patchEditor(studio, { selectedId: null });
    }
  };

  const draft = s.brush.mode === 'drawing' ? { points: s.brush.points, color: s.brush.color, size: s.brush.size } : null;
  const drag = s.move.mode === 'dragging' ? { layerId: s.move.layerId, dx: s.move.dx, dy: s.move.dy } : null;
  const imageSize = (l: Layer) => (l.kind === 'work' ? s.imageSizes[workImageKey(l)] : undefined);

  return (
    <div
      ref={wrapRef}
      className={`canvas-area tool-${s.tool}`}
      data-testid="canvas"
      tabIndex={0}
      role="application"
      aria-label={t('canvas.label')}
      aria-describedby="canvas-help"
      onKeyDown={onKeyDown}
    >
      <CanvasRenderer
        doc={doc}
        scale={s.viewScale}
        selectedId={s.selectedId}
        drag={drag}
        draft={draft}
        workUrl={(l) => workLayerImageUrl(l, s.works[l.workId])}
        remixUrl={(id) => remixOutputUrl(s.remixes[id] ?? { id })}
        imageSize={imageSize}
        onPointerDown={onPointerDown}
        contentRef={(l) => {
          contentRef.current = l;
        }}
      />
      <p id="canvas-help" className="visually-hidden">
        {t('canvas.help')}
      </p>
    </div>
  );
}
