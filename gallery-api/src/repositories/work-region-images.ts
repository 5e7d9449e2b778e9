import sharp from 'sharp';
import type { WorkRegion } from '@atelier/contracts/canvas.schema';
import type { RegionImages } from '../services/work-region.service';
import type { HttpFetcher } from './http-fetcher';

/** Largest answer accepted from an IIIF server for one region (a 1024 px JPEG is far below). */
const MAX_REGION_BYTES = 8 * 1024 * 1024;

/** IIIF region requests through the HTTP client, and sharp crops of stored originals; both answer JPEG. */
export class WorkRegionImages implements RegionImages {
  constructor(private readonly http: HttpFetcher) {}

  async fetchIiif(service: string, r: WorkRegion, size: number): Promise<Uint8Array> {
    const url = `${service.replace(/\/+$/, '')}/${r.x},${r.y},${r.w},${r.h}/!${size},${size}/0/default.jpg`;
    const bytes = await this.http.bytes(url, { headers: { accept: 'image/jpeg,image/*' }, maxBytes: MAX_REGION_BYTES });
    // Re-encoded so that an HTML error page answered with 200, or a server ignoring the size, never reaches the canvas.
    return sharp(bytes, { failOn: 'error' }).resize(box(size)).toColourspace('srgb').jpeg({ quality: 88 }).toBuffer();
  }

  async crop(original: Uint8Array, r: WorkRegion, full: { width: number; height: number }, size: number): Promise<Uint8Array> {
    const oriented = await sharp(original, { failOn: 'error', autoOrient: true }).toBuffer({ resolveWithObject: true });
    const { width, height } = oriented.info;
    // The stored original may be a bounded download (!1024,1024) of a larger work: scale the region to it.
    const sx = width / (full.width || width);
    const sy = height / (full.height || height);
    const left = Math.min(width - 1, Math.floor(r.x * sx));
    const top = Math.min(height - 1, Math.floor(r.y * sy));
    const w = Math.max(1, Math.min(width - left, Math.round(r.w * sx)));
    const h = Math.max(1, Math.min(height - top, Math.round(r.h * sy)));
    return sharp(oriented.data)
      .extract({ left, top, width: w, height: h })
      .resize(box(size))
      .toColourspace('srgb')
      .jpeg({ quality: 88 })
      .toBuffer();
  }
}

function box(side: number) {
  return { width: side, height: side, fit: 'inside' as const, withoutEnlargement: true };
}
