import type { Camera } from '../render/CanvasRenderer';

/** Pure camera arithmetic: the camera is editor state, never part of the document or its undo history. */

export const MAX_ZOOM = 8;
/** How far out past "fit" the visitor may zoom. */
const MIN_ZOOM_OF_FIT = 0.25;
export const ZOOM_STEP = 1.25;

type Size = { width: number; height: number };

/** The whole document in the viewport, centred. */
export function fitCamera(doc: Size, viewport: Size): Camera {
  const zoom = Math.min(viewport.width / doc.width, viewport.height / doc.height) || 1;
  return { zoom, x: (viewport.width - doc.width * zoom) / 2, y: (viewport.height - doc.height * zoom) / 2 };
}

/** Zoomed by `factor` keeping the document point under `at` (stage pixels) where it is. */
export function zoomAt(c: Camera, factor: number, at: { x: number; y: number }, doc: Size, viewport: Size): Camera {
  const min = fitCamera(doc, viewport).zoom * MIN_ZOOM_OF_FIT;
  const zoom = Math.min(MAX_ZOOM, Math.max(min, c.zoom * factor));
  const k = zoom / c.zoom;
  return { zoom, x: at.x - (at.x - c.x) * k, y: at.y - (at.y - c.y) * k };
}

export const panBy = (c: Camera, dx: number, dy: number): Camera => ({ ...c, x: c.x + dx, y: c.y + dy });

/** The document point under a stage point. */
export const toDocument = (c: Camera, at: { x: number; y: number }) => ({ x: (at.x - c.x) / c.zoom, y: (at.y - c.y) / c.zoom });

/** The viewport: the available width and height, shaped like the document at its fitted size (at most 1.5×). */
export function viewportFor(doc: Size, available: Size): Size {
  const scale = Math.max(0.05, Math.min(available.width / doc.width, available.height / doc.height, 1.5)) || 1;
  return { width: Math.floor(doc.width * scale), height: Math.floor(doc.height * scale) };
}
