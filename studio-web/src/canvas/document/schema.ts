/** The persisted canvas: what a visitor made, independent of Konva, screens and selection. */

export const CURRENT_SCHEMA_VERSION = 1;
export const DEFAULT_DOCUMENT_SIZE = 1024;

export interface Stroke {
  /** Flat [x0, y0, x1, y1, …] in document pixels. */
  points: number[];
  color: string;
  size: number;
}

export interface WorkLayer {
  id: string;
  kind: 'work';
  workId: string;
  x: number;
  y: number;
  /** Relative to the work's `working` rendition (≤1024 px), or to the region's image when there is one. */
  scale: number;
  rotation: number;
  /** A detail of the work in its full pixel size (IIIF Image API region); absent means the whole work. */
  region?: WorkRegion;
}

export interface WorkRegion {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Key of the image a work layer shows: the whole work, or one of its details. */
export function workImageKey(layer: Pick<WorkLayer, 'workId' | 'region'>): string {
  const r = layer.region;
  return r ? `${layer.workId}@${r.x},${r.y},${r.w},${r.h}` : layer.workId;
}

export interface StrokesLayer {
  id: string;
  kind: 'strokes';
  strokes: Stroke[];
}

export interface RemixLayer {
  id: string;
  kind: 'remix';
  remixId: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Layer = WorkLayer | StrokesLayer | RemixLayer;

export interface CanvasDocument {
  schemaVersion: typeof CURRENT_SCHEMA_VERSION;
  width: number;
  height: number;
  /** Bottom to top. */
  layers: Layer[];
}

export function emptyDocument(size = DEFAULT_DOCUMENT_SIZE): CanvasDocument {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, width: size, height: size, layers: [] };
}

export function findLayer(doc: CanvasDocument, id: string | null): Layer | undefined {
  return id ? doc.layers.find((l) => l.id === id) : undefined;
}

/** Distinct collection works placed on the canvas, in layer order. */
export function workIdsOf(doc: CanvasDocument): string[] {
  return [...new Set(doc.layers.flatMap((l) => (l.kind === 'work' ? [l.workId] : [])))];
}

export function remixIdsOf(doc: CanvasDocument): string[] {
  return [...new Set(doc.layers.flatMap((l) => (l.kind === 'remix' ? [l.remixId] : [])))];
}
