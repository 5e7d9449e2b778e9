import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { CC0_URI, emptyCandidate, joinUrl, remoteImage, text, yearRange, type HarvestOptions, type SourceImporter } from './remote-source';

interface MetObject {
  objectID: number;
  isPublicDomain?: boolean;
  primaryImage?: string;
  title?: string;
  objectName?: string;
  artistPrefix?: string;
  artistDisplayName?: string;
  artistDisplayBio?: string;
  constituents?: { name?: string }[] | null;
  objectDate?: string;
  objectBeginDate?: number;
  objectEndDate?: number;
  medium?: string;
  objectURL?: string;
  creditLine?: string;
  rightsAndReproduction?: string;
}

export const MET_INSTITUTION = 'The Metropolitan Museum of Art';

/** The Met Collection API: ids from /objects (or /search), then one request per object. */
export const metImporter: SourceImporter = {
  source: 'met',
  label: 'The Metropolitan Museum of Art',
  defaultBaseUrl: 'https://collectionapi.metmuseum.org/public/collection/v1',
  rate: { perSecond: 80, burst: 10, note: 'documented: at most 80 requests a second' },
  incremental: true,
  async *harvest(http, opts) {
    const ids = await objectIds(http, opts);
    for (const id of ids) {
      let obj: MetObject;
      try {
        obj = await http.json<MetObject>(joinUrl(opts.baseUrl, `objects/${id}`));
      } catch (err) {
        opts.report?.(String(id), (err as Error).message);
        continue;
      }
      yield metCandidate(obj, http);
    }
  },
};

async function objectIds(http: HttpFetcher, opts: HarvestOptions): Promise<number[]> {
  const since = opts.since ? opts.since.toISOString().slice(0, 10) : undefined;
  const body = opts.query
    ? await http.json<{ objectIDs: number[] | null }>(joinUrl(opts.baseUrl, 'search', { q: opts.query, hasImages: 'true' }))
    : await http.json<{ objectIDs: number[] | null }>(joinUrl(opts.baseUrl, 'objects', { metadataDate: since }));
  // `objectIDs` is null, not [], when nothing matches.
  return body.objectIDs ?? [];
}

export function metCandidate(o: MetObject, http: HttpFetcher): ImportCandidate {
  const title = text(o.title) ?? text(o.objectName) ?? `Object ${o.objectID}`;
  const name = text(o.artistDisplayName) ?? text(o.constituents?.[0]?.name);
  const image = o.isPublicDomain ? text(o.primaryImage) : null;
  return {
    ...emptyCandidate('met', String(o.objectID), title),
    creator: name ? [text(o.artistPrefix), name].filter(Boolean).join(' ') : null,
    creatorLife: text(o.artistDisplayBio),
    dateDisplay: text(o.objectDate),
    ...yearRange(o.objectBeginDate, o.objectEndDate),
    medium: text(o.medium),
    institution: MET_INSTITUTION,
    landingUrl: metLandingUrl(o.objectURL),
    rightsStatement: text(o.rightsAndReproduction),
    // Met Open Access: isPublicDomain true means CC0 (per-source rule, collections.md §10.1).
    licence: o.isPublicDomain === true ? CC0_URI : text(o.rightsAndReproduction),
    attribution: text(o.creditLine) ? `${MET_INSTITUTION}, ${text(o.creditLine)}` : null,
    imageUrl: image,
    image: remoteImage(http, { imageUrl: image }),
  };
}

/** Some records carry the staging host (`wwwstg.metmuseum.org`); visitors must land on the public site. */
export function metLandingUrl(url: string | undefined): string | null {
  const u = text(url);
  if (!u) return null;
  try {
    const parsed = new URL(u);
    if (/^www[a-z0-9-]*\.metmuseum\.org$/.test(parsed.hostname)) {
      parsed.hostname = 'www.metmuseum.org';
      parsed.protocol = 'https:';
    }
    return parsed.toString();
  } catch {
    return null;
  }
}
