import type { CanvasDocument, Layer, WorkLayer } from '@atelier/contracts/canvas.schema';

/**
 * The persisted canvas is `@atelier/contracts` (canvas.schema.ts: the shape and its version; canvas.ts: the pure
 * rules and named migrations). The document room re-exports it, types only, so zod never reaches the bundle,
 * and adds the studio's own helpers.
 */
export type { CanvasDocument, Layer, RemixLayer, Stroke, StrokesLayer, TextLayer, WorkLayer, WorkRegion } from '@atelier/contracts/canvas.schema';
export { emptyDocument, remixIdsOf, TEXT_FONTS, workIdsOf, type TextFont } from '@atelier/contracts/canvas';

/** Key of the image a work layer shows: the whole work, or one of its details. */
export function workImageKey(layer: Pick<WorkLayer, 'workId' | 'region'>): string {
  const r = layer.region;
  return r ? `${layer.workId}@${r.x},${r.y},${r.w},${r.h}` : layer.workId;
}

export function findLayer(doc: CanvasDocument, id: string | null): Layer | undefined {
  return id ? doc.layers.find((l) => l.id === id) : undefined;
}
