import sharp from 'sharp';
import type { WorkRegion } from '@atelier/contracts/canvas.schema';
import type { PixelRegion } from '../services/collection-work';
import type { RegionImages } from '../services/work-region.service';
import { HttpFetcher, type HttpFetcherOptions } from './http-fetcher';
import { guardedFetch, type ImageHostPolicy } from './work-region-fetch';

/** Largest answer accepted from an IIIF server for one region (a 1024 px JPEG is far below). */
const MAX_REGION_BYTES = 8 * 1024 * 1024;

/**
 * IIIF region requests through the HTTP client (one per source, each with the source's host policy: public
 * addresses and allowed hosts only, every redirect hop checked), sharp crops of stored masters, and the exact
 * region cut from a cached tile. All answer JPEG.
 */
export class WorkRegionImages implements RegionImages {
  private readonly fetchers = new Map<string, HttpFetcher>();

  constructor(
    private readonly policy: ImageHostPolicy,
    private readonly fetchOptions: HttpFetcherOptions = {},
  ) {}

  private fetcher(source: string): HttpFetcher {
    let f = this.fetchers.get(source);
    if (!f) {
      f = new HttpFetcher({ ...this.fetchOptions, fetch: guardedFetch(this.policy, source) });
      this.fetchers.set(source, f);
    }
    return f;
  }

  async fetchIiif(work: { source: string; iiifService: string; iiifRegion: PixelRegion | null }, r: WorkRegion, size: number): Promise<Uint8Array> {
    // A work that is a region of its service: its pixels start at the region's corner there.
    const x = r.x + (work.iiifRegion?.x ?? 0);
    const y = r.y + (work.iiifRegion?.y ?? 0);
    const url = `${work.iiifService.replace(/\/+$/, '')}/${x},${y},${r.w},${r.h}/!${size},${size}/0/default.jpg`;
    const bytes = await this.fetcher(work.source).bytes(url, { headers: { accept: 'image/jpeg,image/*' }, maxBytes: MAX_REGION_BYTES });
    // Re-encoded so that an HTML error page answered with 200, or a server ignoring the size, never reaches the canvas.
    return sharp(bytes, { failOn: 'error', limitInputPixels: 64 * 1024 * 1024 }).resize(box(size)).toColourspace('srgb').jpeg({ quality: TILE_QUALITY }).toBuffer();
  }

  async crop(original: Uint8Array, r: WorkRegion, full: { width: number; height: number }, size: number): Promise<Uint8Array> {
    const oriented = await sharp(original, { failOn: 'error', autoOrient: true }).raw().toBuffer({ resolveWithObject: true });
    const { width, height } = oriented.info;
    // The stored master may be a bounded download (!1024,1024) of a larger work: scale the region to it.
    const sx = width / (full.width || width);
    const sy = height / (full.height || height);
    const left = Math.min(width - 1, Math.floor(r.x * sx));
    const top = Math.min(height - 1, Math.floor(r.y * sy));
    const w = Math.max(1, Math.min(width - left, Math.round(r.w * sx)));
    const h = Math.max(1, Math.min(height - top, Math.round(r.h * sy)));
    return sharp(oriented.data, { raw: { width, height, channels: oriented.info.channels } })
      .extract({ left, top, width: w, height: h })
      .resize(box(size))
      .toColourspace('srgb')
      .jpeg({ quality: TILE_QUALITY })
      .toBuffer();
  }

  async cut(tile: Uint8Array, tileRegion: WorkRegion, r: WorkRegion, size: number): Promise<Uint8Array> {
    const img = sharp(tile, { failOn: 'error' });
    const { width = 1, height = 1 } = await img.metadata();
    const sx = width / tileRegion.w;
    const sy = height / tileRegion.h;
    const left = Math.min(width - 1, Math.max(0, Math.round((r.x - tileRegion.x) * sx)));
    const top = Math.min(height - 1, Math.max(0, Math.round((r.y - tileRegion.y) * sy)));
    const w = Math.max(1, Math.min(width - left, Math.round(r.w * sx)));
    const h = Math.max(1, Math.min(height - top, Math.round(r.h * sy)));
    return img.extract({ left, top, width: w, height: h }).resize(box(size)).jpeg({ quality: 88 }).toBuffer();
  }
}

/** Tiles are cut again for every answer: kept at a higher quality than the answers. */
const TILE_QUALITY = 94;

function box(side: number) {
  return { width: side, height: side, fit: 'inside' as const, withoutEnlargement: true };
}
