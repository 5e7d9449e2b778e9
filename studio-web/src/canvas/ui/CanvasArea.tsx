import type Konva from 'konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import { useCallback, useEffect, useRef, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { remixOutputUrl } from '../../api/inference.client';
import { workLayerImageUrl } from '../../api/gallery.client';
import { useI18n } from '../../i18n';
import { findLayer, workImageKey, type Layer } from '../document/schema';
import { CanvasRenderer } from '../render/CanvasRenderer';
import { exportNode, flattenArea, flattenLayer } from '../render/flatten';
import { areaOf } from '../tools/area.tool';
import type { TransformEnd } from '../render/SelectionTransformer';
import { toDocument, zoomAt } from './camera';
import { canvasKey } from './canvas-keys';
import { patchEditor, useEditor, useHistory, useStudio, type Studio } from './studio';
import { useCamera } from './useCamera';
import { useToolInput } from './useToolInput';
import { ZoomControls } from './ZoomControls';

/** Image pixels per document pixel of a layer's node, so an exported layer keeps its own detail. */
function densityOf(node: Konva.Node, layer: Layer): number {
  const img = node instanceof Object && 'image' in node ? (node as Konva.Image).image() : undefined;
  const natural = img instanceof HTMLImageElement ? img.naturalWidth : 0;
  if (layer.kind === 'work') return 1 / layer.scale;
  if (layer.kind === 'remix' && natural) return natural / layer.width;
  return 1;
}

/** The render room's exports on the studio while a canvas is mounted: the whole canvas, and one layer alone. */
function useExports(studio: Studio, contentRef: React.RefObject<Konva.Layer | null>) {
  useEffect(() => {
    studio.flatten = () => {
      const layer = contentRef.current;
      const d = studio.doc.current();
      return layer ? flattenLayer(layer, d.width, d.height, studio.editor.get().camera) : Promise.reject(new Error('no canvas'));
    };
    studio.exportLayer = (layerId) => {
      const layer = findLayer(studio.doc.current(), layerId);
      const node = contentRef.current?.findOne((n: Konva.Node) => n.id() === layerId && n.hasName('doc-layer'));
      return layer && node ? exportNode(node, studio.editor.get().camera, densityOf(node, layer)) : Promise.reject(new Error('no such layer'));
    };
    studio.exportArea = (area) => (contentRef.current ? flattenArea(contentRef.current, area, studio.editor.get().camera) : Promise.reject(new Error('no canvas')));
    return () => {
      studio.flatten = null;
      studio.exportArea = null;
      studio.exportLayer = null;
    };
  }, [studio, contentRef]);
}

export function CanvasArea() {
  const studio = useStudio();
  const { t } = useI18n();
  const doc = useHistory().present;
  const s = useEditor((e) => e);
  const wrapRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<Konva.Layer | null>(null);
  const send = useToolInput(studio);
  const camera = useCamera(studio, wrapRef, doc);
  useExports(studio, contentRef);

  const stagePoint = useCallback((clientX: number, clientY: number) => {
    const rect = wrapRef.current?.querySelector('canvas')?.getBoundingClientRect();
    return rect ? { x: clientX - rect.left, y: clientY - rect.top } : { x: 0, y: 0 };
  }, []);
  const toDoc = useCallback(
    (clientX: number, clientY: number) => toDocument(studio.editor.get().camera, stagePoint(clientX, clientY)),
    [studio, stagePoint],
  );

  // A gesture follows the pointer on window from its first event, so neither leaving the canvas
  // nor a fast pointer-up before React re-renders can drop it.
  const endGesture = useRef<(() => void) | null>(null);
  const follow = (onMove: (e: PointerEvent) => void, onEnd: (type: 'up' | 'cancel') => void) => {
    endGesture.current?.();
    const finish = (type: 'up' | 'cancel') => () => {
      endGesture.current?.();
      onEnd(type);
    };
    const up = finish('up');
    const cancel = finish('cancel');
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', cancel);
    endGesture.current = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', cancel);
      endGesture.current = null;
    };
  };
  const beginTool = () => follow((e) => send({ type: 'move', ...toDoc(e.clientX, e.clientY) }), (type) => send({ type }));
  const beginPan = (e: PointerEvent) => {
    let last = { x: e.clientX, y: e.clientY };
    follow(
      (m) => {
        camera.pan(m.clientX - last.x, m.clientY - last.y);
        last = { x: m.clientX, y: m.clientY };
      },
      () => undefined,
    );
  };
  useEffect(() => () => endGesture.current?.(), []);

  // Two fingers: the tool's gesture is dropped and the fingers zoom and pan the camera (never the page).
  const touches = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ dist: number; mid: { x: number; y: number }; camera: typeof s.camera } | null>(null);
  const spread = () => {
    const [a, b] = [...touches.current.values()] as [{ x: number; y: number }, { x: number; y: number }];
    return { dist: Math.hypot(a.x - b.x, a.y - b.y) || 1, mid: stagePoint((a.x + b.x) / 2, (a.y + b.y) / 2) };
  };
  const onTouchDown = (e: ReactPointerEvent) => {
    if (e.pointerType !== 'touch') return;
    touches.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (touches.current.size !== 2) return;
    endGesture.current?.();
    send({ type: 'cancel' });
    pinch.current = { ...spread(), camera: studio.editor.get().camera };
    const move = (m: PointerEvent) => {
      if (!touches.current.has(m.pointerId) || !pinch.current) return;
      touches.current.set(m.pointerId, { x: m.clientX, y: m.clientY });
      const now = spread();
      const p = pinch.current;
      const zoomed = zoomAt(p.camera, now.dist / p.dist, p.mid, studio.doc.current(), studio.editor.get().viewport);
      patchEditor(studio, { camera: { ...zoomed, x: zoomed.x + now.mid.x - p.mid.x, y: zoomed.y + now.mid.y - p.mid.y, fitted: false } });
    };
    const lift = (u: PointerEvent) => {
      touches.current.delete(u.pointerId);
      if (touches.current.size >= 2) return;
      pinch.current = null;
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', lift);
      window.removeEventListener('pointercancel', lift);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', lift);
    window.addEventListener('pointercancel', lift);
  };
  const onTouchUp = (e: ReactPointerEvent) => {
    if (!pinch.current) touches.current.delete(e.pointerId);
  };

  const onPointerDown = (e: KonvaEventObject<PointerEvent>) => {
    if (pinch.current) return;
    const pt = toDoc(e.evt.clientX, e.evt.clientY);
    const tool = studio.editor.get().tool;
    if (tool !== 'move') {
      beginTool();
      return send({ type: 'down', ...pt });
    }
    const hit = e.target.findAncestor('.doc-layer', true) as Konva.Node | undefined;
    const layerId = hit?.id();
    patchEditor(studio, { selectedId: layerId ?? null });
    if (layerId) {
      beginTool();
      send({ type: 'grab', layerId, ...pt });
    } else if (!studio.editor.get().camera.fitted) beginPan(e.evt);
  };

  const onTransformEnd = (end: TransformEnd) => {
    const { layerId, ...rest } = end;
    studio.doc.dispatch({ type: 'transform', layerId, ...rest });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (canvasKey(studio, e, camera)) e.preventDefault();
  };

  const draft =
    s.brush.mode === 'drawing'
      ? { stroke: { points: s.brush.points, color: s.brush.color, size: s.brush.size, ...(s.brush.erase ? { erase: true } : {}) }, ...(s.brush.into ? { into: s.brush.into } : {}) }
      : null;
  const drag = s.move.mode === 'dragging' ? { layerId: s.move.layerId, dx: s.move.dx, dy: s.move.dy } : null;
  const imageSize = (l: Layer) => (l.kind === 'work' ? s.imageSizes[workImageKey(l)] : undefined);
  const coarse = typeof window !== 'undefined' && !!window.matchMedia?.('(pointer: coarse)').matches;

  return (
    <div className="canvas-frame">
      <div
        ref={wrapRef}
        className={`canvas-area tool-${s.tool}`}
        data-testid="canvas"
        data-zoom={s.camera.zoom.toFixed(4)}
        data-fitted={s.camera.fitted}
        tabIndex={0}
        role="application"
        aria-label={t('canvas.label')}
        aria-describedby="canvas-help"
        onKeyDown={onKeyDown}
        onBlur={() => studio.doc.endRun()}
        onPointerDownCapture={onTouchDown}
        onPointerUpCapture={onTouchUp}
        onPointerCancelCapture={onTouchUp}
      >
        <CanvasRenderer
          doc={doc}
          camera={s.camera}
          viewport={s.viewport}
          selectedId={s.selectedId}
          drag={drag}
          draft={draft}
          area={s.areaTool.mode === 'dragging' ? areaOf(s.areaTool) : s.area}
          coarse={coarse}
          workUrl={(l) => workLayerImageUrl(l, s.works[l.workId])}
          remixUrl={(id) => remixOutputUrl(s.remixes[id] ?? { id })}
          imageSize={imageSize}
          onPointerDown={onPointerDown}
          onTransformEnd={onTransformEnd}
          contentRef={(l) => {
            contentRef.current = l;
          }}
        />
        <p id="canvas-help" className="visually-hidden">
          {t('canvas.help')}
        </p>
      </div>
      <ZoomControls zoom={s.camera.zoom} fitted={s.camera.fitted} {...camera} />
    </div>
  );
}
