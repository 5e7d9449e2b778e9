import type Konva from 'konva';
import { Group, Image as KonvaImage, Layer as KonvaLayer, Line, Rect, Stage } from 'react-konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import type { CanvasDocument, Layer, RemixLayer, Stroke, WorkLayer } from '../document/schema';
import { useLoadedImage } from './images';

export interface RenderProps {
  doc: CanvasDocument;
  scale: number;
  selectedId: string | null;
  /** Live drag offset of one layer, previewed before the move is committed. */
  drag: { layerId: string; dx: number; dy: number } | null;
  draft: Stroke | null;
  workUrl(layer: WorkLayer): string | undefined;
  remixUrl(remixId: string): string | undefined;
  imageSize(layer: Layer): { width: number; height: number } | undefined;
  onPointerDown(e: KonvaEventObject<PointerEvent>): void;
  contentRef(layer: Konva.Layer | null): void;
}

/**
 * Push-only: the document goes in as props, nothing is read back from nodes.
 * One Konva layer holds all content; a second, non-listening one holds selection chrome.
 */
export function CanvasRenderer(p: RenderProps) {
  const { doc, scale } = p;
  const offset = (l: Layer) => (p.drag?.layerId === l.id ? { dx: p.drag.dx, dy: p.drag.dy } : { dx: 0, dy: 0 });
  const selected = doc.layers.find((l) => l.id === p.selectedId);
  const box = selected ? bounds(selected, p.imageSize(selected), offset(selected)) : null;
  return (
    <Stage width={doc.width * scale} height={doc.height * scale} scaleX={scale} scaleY={scale} onPointerDown={p.onPointerDown}>
      <KonvaLayer ref={p.contentRef}>
        <Rect name="background" x={0} y={0} width={doc.width} height={doc.height} fill="#ffffff" />
        {doc.layers.map((l) => {
          const { dx, dy } = offset(l);
          if (l.kind === 'work') return <WorkNode key={l.id} layer={l} dx={dx} dy={dy} url={p.workUrl(l)} />;
          if (l.kind === 'remix') return <RemixNode key={l.id} layer={l} dx={dx} dy={dy} url={p.remixUrl(l.remixId)} />;
          return (
            <Group key={l.id} id={l.id} name="doc-layer strokes" listening={false}>
              {l.strokes.map((s, i) => <StrokeLine key={i} stroke={s} />)}
            </Group>
          );
        })}
        {p.draft && <StrokeLine stroke={p.draft} />}
      </KonvaLayer>
      <KonvaLayer listening={false}>
        {box && (
          <Rect x={box.x} y={box.y} width={box.width} height={box.height} stroke="#b4451f" strokeWidth={2 / scale} dash={[8 / scale, 6 / scale]} />
        )}
      </KonvaLayer>
    </Stage>
  );
}

function WorkNode({ layer, dx, dy, url }: { layer: WorkLayer; dx: number; dy: number; url: string | undefined }) {
  const img = useLoadedImage(url);
  if (!img) return null;
  return (
    <KonvaImage
      id={layer.id}
      name="doc-layer"
      image={img}
      x={layer.x + dx}
      y={layer.y + dy}
      scaleX={layer.scale}
      scaleY={layer.scale}
      rotation={layer.rotation}
    />
  );
}

function RemixNode({ layer, dx, dy, url }: { layer: RemixLayer; dx: number; dy: number; url: string | undefined }) {
  const img = useLoadedImage(url);
  if (!img) return null;
  return <KonvaImage id={layer.id} name="doc-layer" image={img} x={layer.x + dx} y={layer.y + dy} width={layer.width} height={layer.height} />;
}

function StrokeLine({ stroke }: { stroke: Stroke }) {
  return (
    <Line
      points={stroke.points}
      stroke={stroke.color}
      strokeWidth={stroke.size}
      lineCap="round"
      lineJoin="round"
      tension={0.4}
      listening={false}
      globalCompositeOperation="source-over"
    />
  );
}

export function bounds(l: Layer, size: { width: number; height: number } | undefined, o = { dx: 0, dy: 0 }) {
  if (l.kind === 'remix') return { x: l.x + o.dx, y: l.y + o.dy, width: l.width, height: l.height };
  if (l.kind === 'work' && size) return { x: l.x + o.dx, y: l.y + o.dy, width: size.width * l.scale, height: size.height * l.scale };
  return null;
}
