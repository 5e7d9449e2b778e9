import { HttpNetworkError, HttpStatusError, type HttpFetcher } from '../repositories/http-fetcher';
import { WorkImageProblem, type CandidateImage, type ImportCandidate } from '../services/collection-import.service';
import type { PixelRegion } from '../services/collection-work';

/**
 * What every museum importer is asked: where to read, what to look for, changed since when. How many is the
 * sync's business (`take`): a harvest is lazy, so no record past the limit is ever asked for.
 */
export interface HarvestOptions {
  baseUrl: string;
  query?: string;
  /** Only works changed since then, where the source can say so (incremental re-sync). */
  since?: Date | null;
  apiKey?: string;
  /** A record that could not be read (404, bad JSON): reported as failed, the harvest goes on. */
  report?: (sourceId: string, reason: string) => void;
}

/** One museum API (or a file format): turns its records into source-neutral candidates. */
export interface SourceImporter {
  source: string;
  /** Human name for reports. */
  label: string;
  defaultBaseUrl: string;
  /** Requests per second the source documents or we keep to out of politeness; burst 1 unless said. */
  rate: { perSecond: number; burst?: number; note: string };
  /** True when `since` narrows the harvest; the others re-read everything and rely on dedupe. */
  incremental: boolean;
  needsKey?: boolean;
  /** Where the key is read from when `--api-key` is not given. */
  keyEnv?: string;
  harvest(http: HttpFetcher, opts: HarvestOptions): AsyncIterable<ImportCandidate>;
  /**
   * Hosts of the IIIF image services this source's works name (collections.md): the only hosts
   * `GET /works/:id/region` fetches from for its works, besides those the operator adds (GALLERY_IIIF_HOSTS).
   */
  imageHosts: string[];
}

/** Largest image body accepted when a source has no IIIF service and only offers its own file. */
export const MAX_IMAGE_BYTES = 40 * 1024 * 1024;
/** The bounded rendition asked from an IIIF image service: enough for the canvas, far below a master. */
export const IIIF_DOWNLOAD_SIZE = '!1024,1024';

/** `https://x/iiif/abc/` or `…/abc/info.json` → `https://x/iiif/abc`. */
export function iiifBase(service: string): string {
  return service.replace(/\/info\.json$/, '').replace(/\/+$/, '');
}

/** `{service}/{x,y,w,h or full}/!1024,1024/0/default.jpg`: the bounded rendition of a work, or of its region. */
export function iiifDownloadUrl(service: string, region: PixelRegion | null = null): string {
  const r = region ? `${region.x},${region.y},${region.w},${region.h}` : 'full';
  return `${iiifBase(service)}/${r}/${IIIF_DOWNLOAD_SIZE}/0/default.jpg`;
}

/**
 * The image of a remote work, fetched only when the import service asks (refused works are never downloaded):
 * through IIIF at a bounded size when there is a service (only the painted region when the work is one), else the
 * image URL with a byte cap. The full pixel size, when the source states none, is asked from the service's
 * `info.json`: detail crops are asked in full-resolution pixels, never in those of the bounded download.
 */
export function remoteImage(
  http: HttpFetcher,
  src: { iiifService?: string | null; imageUrl?: string | null; region?: PixelRegion | null },
): CandidateImage | null {
  const service = src.iiifService ?? null;
  const url = service ? iiifDownloadUrl(service, src.region ?? null) : src.imageUrl;
  if (!url) return null;
  return {
    expectedSha256: null,
    async read() {
      try {
        return await http.bytes(url, { headers: { accept: 'image/jpeg,image/png,image/webp,image/*' }, maxBytes: MAX_IMAGE_BYTES });
      } catch (err) {
        if (err instanceof HttpStatusError || err instanceof HttpNetworkError) throw new WorkImageProblem(`image not fetched: ${err.message}`);
        throw err;
      }
    },
    ...(service ? { fullSize: () => iiifFullSize(http, service) } : {}),
  };
}

/** `width` and `height` of an IIIF Image API `info.json` (v2 and v3 alike), or null when it cannot be had. */
export async function iiifFullSize(http: HttpFetcher, service: string): Promise<{ width: number; height: number } | null> {
  try {
    const info = await http.json<Record<string, unknown>>(`${iiifBase(service)}/info.json`, { accept: 'application/ld+json, application/json' });
    const width = pixels(info?.width);
    const height = pixels(info?.height);
    return width && height ? { width, height } : null;
  } catch (err) {
    if (err instanceof HttpStatusError || err instanceof HttpNetworkError) return null;
    throw err;
  }
}

/** Trimmed text or null; numbers become text. Control characters (NUL among them: Postgres refuses it) go. */
export function text(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

/** An absolute http(s) URL, or null: `javascript:`, `data:`, `file:` and relative references never become links. */
export function httpUrl(v: unknown): string | null {
  const t = text(v);
  if (!t) return null;
  try {
    const u = new URL(t);
    // Kept as the source wrote it (a V&A service path has `//`), once it parses as a web address.
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname && !/\s/.test(t) ? t : null;
  } catch {
    return null;
  }
}

/** No image side is larger; a bigger number is a broken record (and would overflow the integer column). */
export const MAX_PIXEL_SIDE = 1_000_000;

/** A positive integer from a number or a numeric string (Cleveland sends "3400"). */
export function pixels(v: unknown): number | null {
  const n = typeof v === 'string' ? Number(v.trim()) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= MAX_PIXEL_SIDE ? n : null;
}

/** A year from an int, a numeric string or the start of an ISO date (`1628-01-01T…`, `-0500-…`). */
export function year(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v !== 'string') return null;
  const m = v.trim().match(/^(-?\d{1,4})(?:$|-\d\d)/);
  return m ? Number(m[1]) : null;
}

/** Start and end ordered, one filling in for a missing other. */
export function yearRange(start: unknown, end: unknown): { dateStart: number | null; dateEnd: number | null } {
  const a = year(start);
  const b = year(end);
  if (a === null && b === null) return { dateStart: null, dateEnd: null };
  const lo = Math.min(a ?? (b as number), b ?? (a as number));
  const hi = Math.max(a ?? (b as number), b ?? (a as number));
  return { dateStart: lo, dateEnd: hi };
}

export function stripHtml(v: string | null): string | null {
  if (!v) return v;
  return text(v.replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' '));
}

/** `https://museum.example/api/` + `objects/1` without double or missing slashes. */
export function joinUrl(base: string, path: string, params: Record<string, string | number | undefined> = {}): string {
  const url = new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

/** A candidate with every optional field empty; importers fill in what their source has. */
export function emptyCandidate(source: string, sourceId: string, title: string): ImportCandidate {
  return {
    source, sourceId, title, creator: null, creatorLife: null, dateDisplay: null, medium: null, description: null,
    institution: null, landingUrl: null, rightsStatement: null, licence: null, attribution: null, image: null,
  };
}

/**
 * The records of an API paged by offset (`skip`, `offset`, `start`, or pages of a fixed size), page after page until a
 * short page, the total the source states, or `maxOffset` (a search window the source will not page past).
 */
export async function* offsetPages<T>(
  size: number,
  page: (offset: number) => Promise<{ records: T[]; total?: number | undefined }>,
  maxOffset = Infinity,
): AsyncIterable<T> {
  for (let offset = 0; offset < maxOffset; offset += size) {
    const { records, total } = await page(offset);
    yield* records;
    if (records.length < size || offset + size >= (total ?? Infinity)) return;
  }
}

export const CC0_URI = 'https://creativecommons.org/publicdomain/zero/1.0/';
