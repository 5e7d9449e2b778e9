import type { WorkDetail } from '@atelier/contracts/work.schema';
import type { Workshop } from '@atelier/contracts/workshop.schema';
import { galleryApi } from '../../api/gallery.client';
import type { WorkRegion } from '../../canvas/document/schema';
import type { Lang } from '../../i18n';
import { useLoad } from '../useLoad';

/**
 * A workshop's assignment set in the studio: whole works and details. The assignment keeps a detail in fractions of
 * the work (0..1, as everything on the wire); the detail picker and the canvas count in the work's full pixels.
 */
export type AssignmentItem = Workshop['assignment'][number];
export type AssignmentRegion = NonNullable<AssignmentItem['region']>;
type Size = { width: number; height: number };

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
/** Six decimals: a millionth of the widest work is far below a pixel, and the stored JSON stays short. */
const fraction = (v: number) => Math.round(clamp01(v) * 1e6) / 1e6;

/** A detail in the work's pixels (as the picker gives it) as fractions of the work. */
export function regionToFractions(r: WorkRegion, size: Size): AssignmentRegion {
  const x = fraction(r.x / size.width);
  const y = fraction(r.y / size.height);
  return { x, y, w: Math.max(1e-6, fraction(Math.min(r.w / size.width, 1 - x))), h: Math.max(1e-6, fraction(Math.min(r.h / size.height, 1 - y))) };
}

/** An assignment's detail in the work's pixels (for the canvas), at least one pixel and inside the work. */
export function regionToPixels(r: AssignmentRegion, size: Size): WorkRegion {
  const x = Math.min(size.width - 1, Math.round(r.x * size.width));
  const y = Math.min(size.height - 1, Math.round(r.y * size.height));
  return {
    x,
    y,
    w: Math.max(1, Math.min(size.width - x, Math.round(r.w * size.width))),
    h: Math.max(1, Math.min(size.height - y, Math.round(r.h * size.height))),
  };
}

/** Each assignment item with its work, in the assignment's order. */
export function useAssignmentWorks(assignment: readonly AssignmentItem[], lang: Lang) {
  const key = assignment.map((a) => (a.region ? `${a.workId}@${a.region.x},${a.region.y},${a.region.w},${a.region.h}` : a.workId)).join('|');
  return useLoad(
    async () => {
      const works = await Promise.all([...new Set(assignment.map((a) => a.workId))].map((id) => galleryApi.getWork(id, lang)));
      const byId = new Map(works.map((w) => [w.id, w]));
      return assignment.map((item): { item: AssignmentItem; work: WorkDetail } => ({ item, work: byId.get(item.workId)! }));
    },
    `assignment:${key}:${lang}`,
  );
}

/** Where the item goes on the canvas: the whole work, or its detail in the work's pixels. */
export const canvasRegionOf = (item: AssignmentItem, work: Size): WorkRegion | undefined => (item.region ? regionToPixels(item.region, work) : undefined);
