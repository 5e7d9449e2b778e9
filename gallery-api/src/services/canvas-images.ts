import { createHash } from 'node:crypto';
import type { ObjectStorage } from '@atelier/common/storage';
import type { WorkLayer, WorkRegion } from '@atelier/contracts/canvas.schema';
import type { Remix } from '@atelier/contracts/remix.schema';
import { isVisible, type CollectionWork } from './collection-work';
import type { CanvasImages } from './image-binding';

/** The size the studio asks a detail at (studio-web api/gallery.client.ts `workRegionUrl`): its layer's scale is relative to it. */
export const STUDIO_REGION_SIZE = 1024;

export interface CanvasImageSources {
  works: { findById(id: string): Promise<CollectionWork | null> };
  storage: Pick<ObjectStorage, 'exists' | 'get'>;
  /** The gallery's detail service (work-region.service.ts): the same tile the studio was answered. */
  regions: { region(id: string, region: WorkRegion, size: number): Promise<{ bytes: Uint8Array }> };
  /** A remix's output from inference-service, on the visitor's behalf (HttpInferenceClient `getOutput`). */
  remixOutput(id: string, visitor: string): Promise<Uint8Array | null>;
  /** A remix's output as a draft copied it (DraftService), for a canvas opened from a draft on another device. */
  draftRemixOutput?(code: string, remixId: string): Promise<Uint8Array | null>;
}

/** The images a canvas shows, read where the studio read them: a work's working rendition or detail, a remix's output. */
export function createCanvasImages(src: CanvasImageSources): CanvasImages {
  return {
    async workImage(layer: WorkLayer): Promise<Uint8Array | null> {
      const work = await src.works.findById(layer.workId);
      if (!work || !isVisible(work)) return null;
      if (layer.region) return (await src.regions.region(work.id, layer.region, STUDIO_REGION_SIZE).catch(() => null))?.bytes ?? null;
      const key = work.imageKeys.working;
      return key && (await src.storage.exists(key)) ? src.storage.get(key) : null;
    },

    async remixOutput(remix: Remix, visitor: string, draftCode?: string): Promise<Uint8Array | null> {
      const expected = remix.output?.sha256;
      if (!expected) return null;
      const fromService = await src.remixOutput(remix.id, visitor).catch(() => null);
      if (fromService && sha256(fromService) === expected) return fromService;
      const fromDraft = draftCode && src.draftRemixOutput ? await src.draftRemixOutput(draftCode, remix.id).catch(() => null) : null;
      return fromDraft && sha256(fromDraft) === expected ? fromDraft : null;
    },
  };
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
