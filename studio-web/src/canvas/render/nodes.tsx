import type Konva from 'konva';
import { useLayoutEffect, useRef } from 'react';
import { Group, Image as KonvaImage, Line, Text } from 'react-konva';
import { isLocked, isVisible } from '../document/commands';
import type { Layer, RemixLayer, Stroke, StrokesLayer, TextLayer, WorkLayer } from '../document/schema';
import { FONT_STACKS } from './fonts';
import { useLoadedImage } from './images';

/**
 * One Konva node per document layer. `nodeAttrs` is the single place a layer becomes node attributes, so the
 * transformer wrapper can put a node back exactly as the document has it after reading a gesture from it.
 */
export function nodeAttrs(l: Exclude<Layer, StrokesLayer>, dx = 0, dy = 0) {
  const common = { x: l.x + dx, y: l.y + dy, rotation: l.rotation ?? 0, opacity: l.opacity ?? 1, visible: isVisible(l) };
  if (l.kind === 'remix') return { ...common, width: l.width, height: l.height, scaleX: 1, scaleY: 1 };
  return { ...common, scaleX: l.scale, scaleY: l.scale };
}

/** Hidden and locked layers let the pointer through to what lies below. */
const listens = (l: Layer) => isVisible(l) && !isLocked(l);

export function WorkNode({ layer, dx, dy, url }: { layer: WorkLayer; dx: number; dy: number; url: string | undefined }) {
  const img = useLoadedImage(url);
  if (!img) return null;
  return <KonvaImage id={layer.id} name="doc-layer" image={img} listening={listens(layer)} {...nodeAttrs(layer, dx, dy)} />;
}

export function RemixNode({ layer, dx, dy, url }: { layer: RemixLayer; dx: number; dy: number; url: string | undefined }) {
  const img = useLoadedImage(url);
  if (!img) return null;
  return <KonvaImage id={layer.id} name="doc-layer" image={img} listening={listens(layer)} {...nodeAttrs(layer, dx, dy)} />;
}

export function TextNode({ layer, dx, dy }: { layer: TextLayer; dx: number; dy: number }) {
  return (
    <Text
      id={layer.id}
      name="doc-layer"
      text={layer.text}
      fontFamily={FONT_STACKS[layer.font]}
      fontSize={layer.size}
      fill={layer.color}
      listening={listens(layer)}
      {...nodeAttrs(layer, dx, dy)}
    />
  );
}

/**
 * A drawing. Eraser strokes clear only this drawing, not the works beneath it: the group is then drawn into its
 * own cache, where `destination-out` has nothing else to erase. `live` is a stroke in progress shown inside it.
 */
export function StrokesNode({ layer, live, pixelRatio }: { layer: StrokesLayer; live: Stroke | null; pixelRatio: number }) {
  const ref = useRef<Konva.Group>(null);
  const strokes = live ? [...layer.strokes, live] : layer.strokes;
  const erases = strokes.some((s) => s.erase);
  useLayoutEffect(() => {
    const g = ref.current;
    if (!g) return;
    g.clearCache();
    if (erases && g.getClientRect().width > 0) g.cache({ pixelRatio });
  }, [strokes, erases, pixelRatio]);
  return (
    <Group ref={ref} id={layer.id} name="doc-layer strokes" listening={false} visible={isVisible(layer)} opacity={layer.opacity ?? 1}>
      {strokes.map((s, i) => (
        <StrokeLine key={i} stroke={s} />
      ))}
    </Group>
  );
}

export function StrokeLine({ stroke }: { stroke: Stroke }) {
  return (
    <Line
      points={stroke.points}
      stroke={stroke.erase ? '#000000' : stroke.color}
      strokeWidth={stroke.size}
      lineCap="round"
      lineJoin="round"
      tension={0.4}
      listening={false}
      globalCompositeOperation={stroke.erase ? 'destination-out' : 'source-over'}
    />
  );
}
