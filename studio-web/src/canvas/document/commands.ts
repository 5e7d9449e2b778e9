import type { CanvasDocument, Layer, RemixLayer, Stroke, WorkLayer } from './schema';

/**
 * Every change to a document is one of these plain objects, applied by a pure function.
 * Selection, camera and hover are not commands: they live in the editor's ephemeral state.
 */
export type Command =
  | { type: 'addWork'; layer: WorkLayer }
  | { type: 'addRemix'; layer: RemixLayer }
  | { type: 'move'; layerId: string; x: number; y: number }
  | { type: 'transform'; layerId: string; x: number; y: number; scale: number }
  | { type: 'addStroke'; stroke: Stroke; newLayerId: string }
  | { type: 'remove'; layerId: string };

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 8;

export function applyCommand(doc: CanvasDocument, cmd: Command): CanvasDocument {
  switch (cmd.type) {
    case 'addWork':
    case 'addRemix':
      if (doc.layers.some((l) => l.id === cmd.layer.id)) return doc;
      return { ...doc, layers: [...doc.layers, cmd.layer] };
    case 'move':
      return updateLayer(doc, cmd.layerId, (l) => (l.kind === 'strokes' ? l : { ...l, x: cmd.x, y: cmd.y }));
    case 'transform':
      return updateLayer(doc, cmd.layerId, (l) => transform(l, cmd.x, cmd.y, cmd.scale));
    case 'addStroke':
      return addStroke(doc, cmd.stroke, cmd.newLayerId);
    case 'remove': {
      const layers = doc.layers.filter((l) => l.id !== cmd.layerId);
      return layers.length === doc.layers.length ? doc : { ...doc, layers };
    }
  }
}

function transform(l: Layer, x: number, y: number, scale: number): Layer {
  const s = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
  if (l.kind === 'work') return { ...l, x, y, scale: s };
  // A remix layer has a size, not a scale: the factor is relative to its current size.
  if (l.kind === 'remix') return { ...l, x, y, width: l.width * s, height: l.height * s };
  return l;
}

/** Strokes go on the top layer when it is a strokes layer, so drawing does not pile up layers. */
function addStroke(doc: CanvasDocument, stroke: Stroke, newLayerId: string): CanvasDocument {
  if (stroke.points.length < 2) return doc;
  const top = doc.layers[doc.layers.length - 1];
  if (top?.kind === 'strokes') {
    return { ...doc, layers: [...doc.layers.slice(0, -1), { ...top, strokes: [...top.strokes, stroke] }] };
  }
  return { ...doc, layers: [...doc.layers, { id: newLayerId, kind: 'strokes', strokes: [stroke] }] };
}

function updateLayer(doc: CanvasDocument, id: string, fn: (l: Layer) => Layer): CanvasDocument {
  let changed = false;
  const layers = doc.layers.map((l) => {
    if (l.id !== id) return l;
    const next = fn(l);
    changed ||= next !== l;
    return next;
  });
  return changed ? { ...doc, layers } : doc;
}
