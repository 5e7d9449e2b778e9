import type { WorkRegion } from '../../canvas/document/schema';

/** Smallest detail, in the work's pixels: below this the picker treats the drag as a click. */
export const MIN_REGION = 16;

/**
 * A rectangle dragged on the displayed image (CSS pixels, either direction) as a region in the work's full
 * pixel size, clamped to the work and rounded to whole pixels; null when it is too small to mean anything.
 */
export function regionFromDrag(
  a: { x: number; y: number },
  b: { x: number; y: number },
  shown: { width: number; height: number },
  full: { width: number; height: number },
): WorkRegion | null {
  if (!shown.width || !shown.height || !full.width || !full.height) return null;
  const sx = full.width / shown.width;
  const sy = full.height / shown.height;
  const clampX = (v: number) => Math.min(full.width, Math.max(0, Math.round(v * sx)));
  const clampY = (v: number) => Math.min(full.height, Math.max(0, Math.round(v * sy)));
  const x0 = clampX(Math.min(a.x, b.x));
  const y0 = clampY(Math.min(a.y, b.y));
  const x1 = clampX(Math.max(a.x, b.x));
  const y1 = clampY(Math.max(a.y, b.y));
  if (x1 - x0 < MIN_REGION || y1 - y0 < MIN_REGION) return null;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
