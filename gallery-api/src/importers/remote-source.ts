import { HttpNetworkError, HttpStatusError, type HttpFetcher } from '../repositories/http-fetcher';
import { WorkImageProblem, type CandidateImage, type ImportCandidate } from '../services/collection-import.service';

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
}

/** Largest image body accepted when a source has no IIIF service and only offers its own file. */
export const MAX_IMAGE_BYTES = 40 * 1024 * 1024;
/** The bounded rendition asked from an IIIF image service: enough for the canvas, far below a master. */
export const IIIF_DOWNLOAD_SIZE = '!1024,1024';

/** `https://x/iiif/abc/` or `…/abc/info.json` → `https://x/iiif/abc`. */
export function iiifBase(service: string): string {
  return service.replace(/\/info\.json$/, '').replace(/\/+$/, '');
}

/**
 * The image of a remote work, fetched only when the import service asks (refused works are never downloaded):
 * through IIIF at a bounded size when there is a service, else the image URL with a byte cap.
 */
export function remoteImage(http: HttpFetcher, src: { iiifService?: string | null; imageUrl?: string | null }): CandidateImage | null {
  const url = src.iiifService ? `${iiifBase(src.iiifService)}/full/${IIIF_DOWNLOAD_SIZE}/0/default.jpg` : src.imageUrl;
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
  };
}

/** Trimmed text or null; numbers become text. */
export function text(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

/** A positive integer from a number or a numeric string (Cleveland sends "3400"). */
export function pixels(v: unknown): number | null {
  const n = typeof v === 'string' ? Number(v.trim()) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
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
