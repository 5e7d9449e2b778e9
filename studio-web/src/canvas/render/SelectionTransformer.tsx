import type Konva from 'konva';
import { useEffect, useRef } from 'react';
import { Transformer } from 'react-konva';
import type { Layer, StrokesLayer } from '../document/schema';
import { nodeAttrs } from './nodes';

export interface TransformEnd {
  layerId: string;
  x: number;
  y: number;
  /** The node's scale at the end of the gesture: absolute for work and text, a factor for a remix layer. */
  scale: number;
  rotation: number;
}

/**
 * Konva's Transformer as a push-only wrapper: it draws handles around the selected layer's node, and at the end of
 * a gesture the node's new attributes become one `TransformEnd`; the node is put back as the document has it, so
 * what shows next is what the document says (the command, or nothing when it was refused).
 */
export function SelectionTransformer({
  layer,
  anchorSize,
  onEnd,
}: {
  layer: Exclude<Layer, StrokesLayer> | null;
  anchorSize: number;
  onEnd(t: TransformEnd): void;
}) {
  const ref = useRef<Konva.Transformer>(null);
  useEffect(() => {
    const tr = ref.current;
    if (!tr) return;
    const node = layer ? tr.getStage()?.findOne((n: Konva.Node) => n.id() === layer.id && n.hasName('doc-layer')) : undefined;
    if (tr.nodes()[0] !== node) tr.nodes(node ? [node] : []);
    tr.getLayer()?.batchDraw();
  });
  if (!layer) return null;
  return (
    <Transformer
      ref={ref}
      name="transformer"
      keepRatio
      rotateEnabled
      flipEnabled={false}
      anchorSize={anchorSize}
      rotateAnchorOffset={anchorSize * 2}
      enabledAnchors={['top-left', 'top-right', 'bottom-left', 'bottom-right']}
      borderStroke="#b4451f"
      anchorStroke="#b4451f"
      boundBoxFunc={(old, next) => (Math.abs(next.width) < 8 || Math.abs(next.height) < 8 ? old : next)}
      onTransformEnd={() => {
        const node = ref.current?.nodes()[0];
        if (!node) return;
        const end = { layerId: layer.id, x: Math.round(node.x()), y: Math.round(node.y()), scale: node.scaleX(), rotation: node.rotation() };
        node.setAttrs(nodeAttrs(layer));
        onEnd(end);
      }}
    />
  );
}
