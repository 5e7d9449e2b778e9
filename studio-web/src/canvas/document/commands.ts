import type { CanvasDocument, Layer, RemixLayer, Stroke, TextLayer, WorkLayer } from './schema';

/**
 * Every change to a document is one of these plain objects, applied by a pure function.
 * Selection, camera and hover are not commands: they live in the editor's ephemeral state.
 */
export type Command =
  | { type: 'addWork'; layer: WorkLayer }
  /** `grow`: the document grows to hold the layer (an upscaled result is placed at its larger size). */
  | { type: 'addRemix'; layer: RemixLayer; grow?: boolean }
  | { type: 'addText'; layer: TextLayer }
  | { type: 'editText'; layerId: string; patch: Partial<Pick<TextLayer, 'text' | 'font' | 'size' | 'color'>> }
  | { type: 'move'; layerId: string; x: number; y: number }
  /** `scale` is absolute for work and text layers and a factor of the current size for remix layers. */
  | { type: 'transform'; layerId: string; x: number; y: number; scale: number; rotation?: number }
  /** `layerId`: an eraser stroke goes into that strokes layer; a brush stroke goes on top. */
  | { type: 'addStroke'; stroke: Stroke; newLayerId: string; layerId?: string }
  | { type: 'remove'; layerId: string }
  | { type: 'setAppearance'; layerId: string; visible?: boolean; opacity?: number; locked?: boolean }
  /** Moves a layer to index `to` (0 = bottom). */
  | { type: 'reorder'; layerId: string; to: number };

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 8;
/** The contracts' limit on a document's side. */
export const MAX_DOCUMENT_SIZE = 8192;

export const isLocked = (l: Layer | undefined): boolean => !!l?.locked;
export const isVisible = (l: Layer): boolean => l.visible !== false;

export function applyCommand(doc: CanvasDocument, cmd: Command): CanvasDocument {
  switch (cmd.type) {
    case 'addWork':
    case 'addText':
      if (doc.layers.some((l) => l.id === cmd.layer.id)) return doc;
      return { ...doc, layers: [...doc.layers, cmd.layer] };
    case 'addRemix':
      if (doc.layers.some((l) => l.id === cmd.layer.id)) return doc;
      return grown({ ...doc, layers: [...doc.layers, cmd.layer] }, cmd.grow ? cmd.layer : null);
    case 'editText':
      return updateUnlocked(doc, cmd.layerId, (l) => (l.kind === 'text' ? editText(l, cmd.patch) : l));
    case 'move':
      return updateUnlocked(doc, cmd.layerId, (l) => (l.kind === 'strokes' ? l : { ...l, x: cmd.x, y: cmd.y }));
    case 'transform':
      return updateUnlocked(doc, cmd.layerId, (l) => transform(l, cmd));
    case 'addStroke':
      return addStroke(doc, cmd.stroke, cmd.newLayerId, cmd.layerId);
    case 'remove': {
      const layers = doc.layers.filter((l) => l.id !== cmd.layerId || isLocked(l));
      return layers.length === doc.layers.length ? doc : { ...doc, layers };
    }
    case 'setAppearance':
      return updateLayer(doc, cmd.layerId, (l) => setAppearance(l, cmd));
    case 'reorder':
      return reorder(doc, cmd.layerId, cmd.to);
  }
}

function transform(l: Layer, cmd: { x: number; y: number; scale: number; rotation?: number }): Layer {
  const s = Math.min(MAX_SCALE, Math.max(MIN_SCALE, cmd.scale));
  const turn = cmd.rotation === undefined ? {} : { rotation: normaliseDegrees(cmd.rotation) };
  if (l.kind === 'work' || l.kind === 'text') return { ...l, x: cmd.x, y: cmd.y, scale: s, ...turn };
  // A remix layer has a size, not a scale: the factor is relative to its current size.
  if (l.kind === 'remix') return { ...l, x: cmd.x, y: cmd.y, width: l.width * s, height: l.height * s, ...turn };
  return l;
}

const normaliseDegrees = (d: number) => Math.round((((d % 360) + 540) % 360 - 180) * 100) / 100;

function editText(l: TextLayer, patch: Partial<Pick<TextLayer, 'text' | 'font' | 'size' | 'color'>>): TextLayer {
  const next = { ...l, ...patch, text: patch.text?.trim() ? patch.text : l.text }; // a text layer never goes blank
  return next.text === l.text && next.font === l.font && next.size === l.size && next.color === l.color ? l : next;
}

function setAppearance(l: Layer, cmd: { visible?: boolean; opacity?: number; locked?: boolean }): Layer {
  const next = { ...l };
  if (cmd.visible !== undefined) next.visible = cmd.visible;
  if (cmd.locked !== undefined) next.locked = cmd.locked;
  if (cmd.opacity !== undefined) next.opacity = Math.min(1, Math.max(0, cmd.opacity));
  const same = next.visible === l.visible && next.locked === l.locked && next.opacity === l.opacity;
  return same ? l : next;
}

function reorder(doc: CanvasDocument, id: string, to: number): CanvasDocument {
  const from = doc.layers.findIndex((l) => l.id === id);
  const target = Math.min(doc.layers.length - 1, Math.max(0, Math.round(to)));
  if (from < 0 || from === target) return doc;
  const layers = [...doc.layers];
  const [layer] = layers.splice(from, 1);
  layers.splice(target, 0, layer!);
  return { ...doc, layers };
}

/** The document made large enough to hold `layer` (up to the contracts' limit); the camera fits it afterwards. */
function grown(doc: CanvasDocument, layer: RemixLayer | null): CanvasDocument {
  if (!layer) return doc;
  const width = Math.min(MAX_DOCUMENT_SIZE, Math.max(doc.width, Math.ceil(layer.x + layer.width)));
  const height = Math.min(MAX_DOCUMENT_SIZE, Math.max(doc.height, Math.ceil(layer.y + layer.height)));
  return width === doc.width && height === doc.height ? doc : { ...doc, width, height };
}

/**
 * A brush stroke goes on the top layer when it is an unlocked strokes layer, so drawing does not pile up layers.
 * An eraser stroke goes into the strokes layer it names, and nowhere else.
 */
function addStroke(doc: CanvasDocument, stroke: Stroke, newLayerId: string, into?: string): CanvasDocument {
  if (stroke.points.length < 2) return doc;
  if (into !== undefined || stroke.erase) {
    return updateUnlocked(doc, into ?? '', (l) => (l.kind === 'strokes' ? { ...l, strokes: [...l.strokes, stroke] } : l));
  }
  const top = doc.layers[doc.layers.length - 1];
  if (top?.kind === 'strokes' && !isLocked(top) && isVisible(top)) {
    return { ...doc, layers: [...doc.layers.slice(0, -1), { ...top, strokes: [...top.strokes, stroke] }] };
  }
  return { ...doc, layers: [...doc.layers, { id: newLayerId, kind: 'strokes', strokes: [stroke] }] };
}

function updateUnlocked(doc: CanvasDocument, id: string, fn: (l: Layer) => Layer): CanvasDocument {
  return updateLayer(doc, id, (l) => (isLocked(l) ? l : fn(l)));
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
