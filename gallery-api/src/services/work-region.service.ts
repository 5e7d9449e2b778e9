import { HttpError } from '@atelier/common/errors';
import type { ObjectStorage } from '@atelier/common/storage';
import type { WorkRegion } from '@atelier/contracts/canvas.schema';
import { isVisible, type CollectionWork } from './collection-work';

/** Regions are rectangles in the work's full pixel size (`width` × `height` of the work), as IIIF Image API regions are. */
export interface RegionImages {
  /** `{service}/{x},{y},{w},{h}/!{size},{size}/0/default.jpg`, checked and re-encoded as JPEG. Throws when unreachable. */
  fetchIiif(service: string, region: WorkRegion, size: number): Promise<Uint8Array>;
  /** The region cut from the stored original, which may be a smaller rendition than `full`. */
  crop(original: Uint8Array, region: WorkRegion, full: { width: number; height: number }, size: number): Promise<Uint8Array>;
}

export interface RegionImage {
  bytes: Uint8Array;
  /** `iiif` when the museum's image server answered, `crop` when the stored original was cut. */
  via: 'iiif' | 'crop' | 'cache';
}

const notFound = (id: string) => new HttpError(404, 'work_not_found', `No collection work ${JSON.stringify(id)}.`);

/**
 * A detail of a work for the canvas: through the work's IIIF image service at the size asked, else (no service,
 * or the museum unreachable) cut from the stored original. Cached in storage per region, size and image.
 */
export function createWorkRegionService(deps: {
  works: { findById(id: string): Promise<CollectionWork | null> };
  storage: ObjectStorage;
  images: RegionImages;
}) {
  return {
    async region(id: string, region: WorkRegion, size: number): Promise<RegionImage> {
      const work = await deps.works.findById(id);
      if (!work || !isVisible(work)) throw notFound(id);
      const full = { width: work.width ?? 0, height: work.height ?? 0 };
      if (region.x + region.w > full.width || region.y + region.h > full.height)
        throw new HttpError(400, 'region_out_of_bounds', `The region must lie inside the work (${full.width}×${full.height} px).`, { width: full.width, height: full.height });

      // The image sha256 is in the key, so a re-imported image never serves an old detail.
      const key = `works/${work.id}/regions/${(work.imageSha256 ?? '').slice(0, 12)}-${region.x}_${region.y}_${region.w}_${region.h}_${size}.jpg`;
      if (await deps.storage.exists(key)) return { bytes: await deps.storage.get(key), via: 'cache' };

      let result: RegionImage | null = null;
      if (work.iiifService) {
        try {
          result = { bytes: await deps.images.fetchIiif(work.iiifService, region, size), via: 'iiif' };
        } catch {
          // The museum may be offline (a kiosk without internet): the stored original still has the pixels.
          result = null;
        }
      }
      if (!result) {
        const original = work.imageKeys.original;
        if (!original || !(await deps.storage.exists(original))) throw new HttpError(404, 'image_not_found', `The original image of ${id} is not stored.`);
        result = { bytes: await deps.images.crop(await deps.storage.get(original), region, full, size), via: 'crop' };
      }
      await deps.storage.put(key, result.bytes);
      return result;
    },
  };
}
