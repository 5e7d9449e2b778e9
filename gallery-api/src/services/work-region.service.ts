import { HttpError } from '@atelier/common/errors';
import type { ObjectStorage } from '@atelier/common/storage';
import type { WorkRegion } from '@atelier/contracts/canvas.schema';
import { isVisible, type CollectionWork, type PixelRegion } from './collection-work';

/** Regions are rectangles in the work's full pixel size (`width` × `height` of the work), as IIIF Image API regions are. */
export interface RegionImages {
  /**
   * `{service}/{x},{y},{w},{h}/!{size},{size}/0/default.jpg` (offset by the work's `iiifRegion`), checked and
   * re-encoded as JPEG. Throws when unreachable or refused by the fetch policy (not an allowed, public host).
   */
  fetchIiif(work: { source: string; iiifService: string; iiifRegion: PixelRegion | null }, region: WorkRegion, size: number): Promise<Uint8Array>;
  /** The region cut from the stored master, which may be a smaller rendition than `full`. */
  crop(original: Uint8Array, region: WorkRegion, full: { width: number; height: number }, size: number): Promise<Uint8Array>;
  /** `region` cut from a tile that shows `tileRegion`, fitted in `size` × `size`. */
  cut(tile: Uint8Array, tileRegion: WorkRegion, region: WorkRegion, size: number): Promise<Uint8Array>;
}

/**
 * Tiles of details, bounded in bytes: putting one past the bound evicts the least recently used ones. A tile may
 * be gone by the time it is read (evicted, or by another process): that is a miss, not an error.
 */
export interface RegionCache {
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, bytes: Uint8Array): Promise<void>;
}

export interface RegionImage {
  bytes: Uint8Array;
  /** `iiif` when the museum's image server answered, `crop` when the stored master was cut, `cache` for a kept tile. */
  via: 'iiif' | 'crop' | 'cache';
}

const notFound = (id: string) => new HttpError(404, 'work_not_found', `No collection work ${JSON.stringify(id)}.`);

/** Cells of the grid along a work's long side: regions snap outward to it, so near-identical requests share a tile. */
export const REGION_GRID_CELLS = 256;
/** Tile sizes: the size asked is rounded up to one of these (then the answer is fitted to the size asked). */
export const TILE_SIZES = [256, 512, 1024] as const;

/**
 * The tile a region is cut from: the region grown outward to a grid of about REGION_GRID_CELLS cells along the
 * work's long side (a power of two in pixels), clamped to the work, and a tile size from TILE_SIZES. Every request
 * used to store a file of its own (issue 10, item 4); now a visitor nudging a selection by a pixel hits the same tile.
 */
export function snapRegion(r: WorkRegion, full: { width: number; height: number }, size: number): { tile: WorkRegion; tileSize: number } {
  const long = Math.max(full.width, full.height, 1);
  const step = 2 ** Math.max(0, Math.ceil(Math.log2(long / REGION_GRID_CELLS)));
  const x0 = Math.floor(r.x / step) * step;
  const y0 = Math.floor(r.y / step) * step;
  const x1 = Math.min(full.width, Math.ceil((r.x + r.w) / step) * step);
  const y1 = Math.min(full.height, Math.ceil((r.y + r.h) / step) * step);
  const tileSize = TILE_SIZES.find((s) => s >= size) ?? 1024;
  return { tile: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, tileSize };
}

/**
 * A detail of a work for the canvas: through the work's IIIF image service, else (no service, the museum
 * unreachable, or its URL refused by the fetch policy) cut from the stored master. What is fetched and kept is the
 * region's snapped tile, in a bounded cache; the answer is exactly the region asked, cut from that tile.
 */
export function createWorkRegionService(deps: {
  works: { findById(id: string): Promise<CollectionWork | null> };
  storage: ObjectStorage;
  images: RegionImages;
  cache: RegionCache;
}) {
  return {
    async region(id: string, region: WorkRegion, size: number): Promise<RegionImage> {
      const work = await deps.works.findById(id);
      if (!work || !isVisible(work)) throw notFound(id);
      const full = { width: work.width ?? 0, height: work.height ?? 0 };
      if (region.x + region.w > full.width || region.y + region.h > full.height)
        throw new HttpError(400, 'region_out_of_bounds', `The region must lie inside the work (${full.width}×${full.height} px).`, { width: full.width, height: full.height });

      const { tile, tileSize } = snapRegion(region, full, size);
      // The image sha256 is in the key, so a re-imported image never serves an old detail.
      const key = `regions/${work.id}/${(work.imageSha256 ?? '').slice(0, 12)}-${tile.x}_${tile.y}_${tile.w}_${tile.h}_${tileSize}.jpg`;
      // The cache only saves work: a storage that cannot be read or written (a full disk) costs the tile, not the detail.
      const cached = await deps.cache.get(key).catch(() => null);
      if (cached) return { bytes: await deps.images.cut(cached, tile, region, size), via: 'cache' };

      let fetched: { bytes: Uint8Array; via: 'iiif' | 'crop' } | null = null;
      if (work.iiifService) {
        try {
          fetched = { bytes: await deps.images.fetchIiif({ source: work.source, iiifService: work.iiifService, iiifRegion: work.iiifRegion }, tile, tileSize), via: 'iiif' };
        } catch {
          // The museum may be offline (a kiosk without internet) or its URL refused: the stored master has the pixels.
          fetched = null;
        }
      }
      if (!fetched) {
        const original = work.imageKeys.original;
        if (!original || !(await deps.storage.exists(original))) throw new HttpError(404, 'image_not_found', `The original image of ${id} is not stored.`);
        fetched = { bytes: await deps.images.crop(await deps.storage.get(original), tile, full, tileSize), via: 'crop' };
      }
      await deps.cache.put(key, fetched.bytes).catch(() => undefined);
      return { bytes: await deps.images.cut(fetched.bytes, tile, region, size), via: fetched.via };
    },
  };
}
