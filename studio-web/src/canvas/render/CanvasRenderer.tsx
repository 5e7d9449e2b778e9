import type Konva from 'konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import { Layer as KonvaLayer, Rect, Stage } from 'react-konva';
import { isLocked, isVisible } from '../document/commands';
import type { CanvasDocument, Layer, StrokesLayer, Stroke, WorkLayer } from '../document/schema';
import { RemixNode, StrokeLine, StrokesNode, TextNode, WorkNode } from './nodes';
import { SelectionTransformer, type TransformEnd } from './SelectionTransformer';

/** Screen pixels per document pixel, and where the document's top-left corner sits on the stage. */
export interface Camera {
  zoom: number;
  x: number;
  y: number;
}

export interface RenderProps {
  doc: CanvasDocument;
  camera: Camera;
  /** The stage's size on screen. */
  viewport: { width: number; height: number };
  selectedId: string | null;
  /** Live drag offset of one layer, previewed before the move is committed. */
  drag: { layerId: string; dx: number; dy: number } | null;
  /** A stroke in progress; an eraser stroke is shown inside the drawing it erases (`into`). */
  draft: { stroke: Stroke; into?: string } | null;
  /** The area chosen for a remix (or being drawn), shown as a frame. */
  area: { x: number; y: number; width: number; height: number } | null;
  /** Larger handles for fingers. */
  coarse: boolean;
  workUrl(layer: WorkLayer): string | undefined;
  remixUrl(remixId: string): string | undefined;
  imageSize(layer: Layer): { width: number; height: number } | undefined;
  onPointerDown(e: KonvaEventObject<PointerEvent>): void;
  onTransformEnd(t: TransformEnd): void;
  contentRef(layer: Konva.Layer | null): void;
}

/**
 * Push-only: the document and the camera go in as props, nothing is read back from nodes (the transformer wrapper
 * turns a finished gesture into one TransformEnd). One Konva layer holds all content; a second holds selection chrome.
 */
export function CanvasRenderer(p: RenderProps) {
  const { doc, camera } = p;
  const offset = (l: Layer) => (p.drag?.layerId === l.id ? { dx: p.drag.dx, dy: p.drag.dy } : { dx: 0, dy: 0 });
  const selected = doc.layers.find((l) => l.id === p.selectedId);
  const transformable = selected && selected.kind !== 'strokes' && !isLocked(selected) && isVisible(selected) && p.drag === null ? selected : null;
  const box = selected && !transformable ? bounds(selected, p.imageSize(selected), offset(selected)) : null;
  const ratio = camera.zoom * (typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1);
  const onPointerDown = (e: KonvaEventObject<PointerEvent>) => {
    if (e.target.findAncestor('.transformer', true)) return; // a handle: the transformer has it
    p.onPointerDown(e);
  };
  return (
    <Stage
      width={p.viewport.width}
      height={p.viewport.height}
      scaleX={camera.zoom}
      scaleY={camera.zoom}
      x={camera.x}
      y={camera.y}
      onPointerDown={onPointerDown}
    >
      <KonvaLayer ref={p.contentRef}>
        <Rect name="background" x={0} y={0} width={doc.width} height={doc.height} fill="#ffffff" listening={false} />
        {doc.layers.map((l) => {
          const { dx, dy } = offset(l);
          if (l.kind === 'work') return <WorkNode key={l.id} layer={l} dx={dx} dy={dy} url={p.workUrl(l)} />;
          if (l.kind === 'remix') return <RemixNode key={l.id} layer={l} dx={dx} dy={dy} url={p.remixUrl(l.remixId)} />;
          if (l.kind === 'text') return <TextNode key={l.id} layer={l} dx={dx} dy={dy} />;
          const live = p.draft?.into === l.id ? p.draft.stroke : null;
          return <StrokesNode key={l.id} layer={l} live={live} pixelRatio={ratio} />;
        })}
        {p.draft && !p.draft.into && <StrokeLine stroke={p.draft.stroke} />}
      </KonvaLayer>
      <KonvaLayer>
        {box && (
          <Rect
            x={box.x}
            y={box.y}
            width={box.width}
            height={box.height}
            stroke="#b4451f"
            strokeWidth={2 / camera.zoom}
            dash={[8 / camera.zoom, 6 / camera.zoom]}
            listening={false}
          />
        )}
        {p.area && (
          <Rect
            name="remix-area"
            {...p.area}
            stroke="#1d3557"
            strokeWidth={2 / camera.zoom}
            dash={[4 / camera.zoom, 4 / camera.zoom]}
            fill="rgba(29, 53, 87, 0.08)"
            listening={false}
          />
        )}
        <SelectionTransformer layer={transformable as Exclude<Layer, StrokesLayer> | null} anchorSize={p.coarse ? 22 : 12} onEnd={p.onTransformEnd} />
      </KonvaLayer>
    </Stage>
  );
}

export function bounds(l: Layer, size: { width: number; height: number } | undefined, o = { dx: 0, dy: 0 }) {
  if (l.kind === 'remix') return { x: l.x + o.dx, y: l.y + o.dy, width: l.width, height: l.height };
  if (l.kind === 'work' && size) return { x: l.x + o.dx, y: l.y + o.dy, width: size.width * l.scale, height: size.height * l.scale };
  return null;
}
