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

/** A rectangle on the shown image, in CSS pixels. */
export interface ShownBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The keyboard's first rectangle: the middle half of the shown image. */
export const startBox = (shown: { width: number; height: number }): ShownBox => ({
  x: Math.round(shown.width / 4),
  y: Math.round(shown.height / 4),
  w: Math.round(shown.width / 2),
  h: Math.round(shown.height / 2),
});

/**
 * The detail picker's keys: arrows move the rectangle, Shift+arrows resize it (→/↓ larger, ←/↑ smaller), by
 * `step` CSS pixels, kept inside the shown image and never smaller than `step`. Null for any other key.
 */
export function nudgeBox(box: ShownBox, key: string, resize: boolean, shown: { width: number; height: number }, step: number): ShownBox | null {
  const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[key];
  if (!d) return null;
  const [dx, dy] = d as [number, number];
  if (resize) {
    const w = Math.min(shown.width - box.x, Math.max(step, box.w + dx * step));
    const h = Math.min(shown.height - box.y, Math.max(step, box.h + dy * step));
    return { ...box, w, h };
  }
  const x = Math.min(shown.width - box.w, Math.max(0, box.x + dx * step));
  const y = Math.min(shown.height - box.h, Math.max(0, box.y + dy * step));
  return { ...box, x, y };
}
