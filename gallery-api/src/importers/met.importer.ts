import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { rangeAgreeingWith } from '@atelier/contracts/display-date';
import { CC0_URI, emptyCandidate, httpUrl, joinUrl, remoteImage, text, yearRange, type HarvestOptions, type SourceImporter } from './remote-source';
import { describeValue, isObject, objectsOf, readRecord, requireId, UnexpectedAnswerError, type Json } from './source-records';

export const MET_INSTITUTION = 'The Metropolitan Museum of Art';

/** The Met Collection API: ids from /objects (or /search), then one request per object. */
export const metImporter: SourceImporter = {
  source: 'met',
  label: 'The Metropolitan Museum of Art',
  defaultBaseUrl: 'https://collectionapi.metmuseum.org/public/collection/v1',
  rate: { perSecond: 80, burst: 10, note: 'documented: at most 80 requests a second' },
  incremental: true,
  imageHosts: [],
  async *harvest(http, opts) {
    const ids = await objectIds(http, opts);
    for (const id of ids) {
      let obj: unknown;
      try {
        obj = await http.json<unknown>(joinUrl(opts.baseUrl, `objects/${encodeURIComponent(id)}`));
      } catch (err) {
        opts.report?.(id, (err as Error).message);
        continue;
      }
      const candidate = readRecord(obj, id, (o) => metCandidate({ objectID: id, ...o }, http), opts);
      if (candidate) yield candidate;
    }
  },
};

async function objectIds(http: HttpFetcher, opts: HarvestOptions): Promise<string[]> {
  const since = opts.since ? opts.since.toISOString().slice(0, 10) : undefined;
  const where = opts.query ? 'The Met /search answer' : 'The Met /objects answer';
  const body = opts.query
    ? await http.json<unknown>(joinUrl(opts.baseUrl, 'search', { q: opts.query, hasImages: 'true' }))
    : await http.json<unknown>(joinUrl(opts.baseUrl, 'objects', { metadataDate: since }));
  if (!isObject(body) || !('objectIDs' in body)) throw new UnexpectedAnswerError(`${where}: expected { total, objectIDs: [...] }, got ${describeValue(body)}`);
  // `objectIDs` is null, not [], when nothing matches.
  if (body.objectIDs === null) return [];
  if (!Array.isArray(body.objectIDs)) throw new UnexpectedAnswerError(`${where}: expected "objectIDs" to be a list of ids, got ${describeValue(body.objectIDs)}`);
  return body.objectIDs.map(text).filter((id): id is string => Boolean(id));
}

/** One `/objects/{id}` record. */
export function metCandidate(o: Json, http: HttpFetcher): ImportCandidate {
  const id = requireId(text(o.objectID), 'objectID');
  const title = text(o.title) ?? text(o.objectName) ?? `Object ${id}`;
  const name = text(o.artistDisplayName) ?? text(objectsOf(o.constituents)[0]?.name);
  const open = o.isPublicDomain === true;
  // The web-large rendition when there is one: the original is often past the upload limits an import must pass,
  // and with no IIIF service every detail crop decodes the stored master.
  const image = open ? (httpUrl(o.primaryImageSmall) ?? httpUrl(o.primaryImage)) : null;
  const dateDisplay = text(o.objectDate);
  const rights = text(o.rightsAndReproduction);
  const credit = text(o.creditLine);
  return {
    ...emptyCandidate('met', id, title),
    creator: name ? [text(o.artistPrefix), name].filter(Boolean).join(' ') : null,
    creatorRole: text(o.artistRole),
    creatorLife: text(o.artistDisplayBio),
    dateDisplay,
    ...rangeAgreeingWith(dateDisplay, yearRange(o.objectBeginDate, o.objectEndDate)),
    medium: text(o.medium),
    institution: MET_INSTITUTION,
    landingUrl: metLandingUrl(o.objectURL),
    rightsStatement: rights,
    // Met Open Access: isPublicDomain true means CC0 (per-source rule, collections.md §10.1).
    licence: open ? CC0_URI : rights,
    refusal: o.isPublicDomain === false ? `Not in the public domain at The Met (isPublicDomain: false)${rights ? `: ${rights}` : ''}.` : null,
    attribution: credit ? `${MET_INSTITUTION}, ${credit}` : null,
    imageUrl: image,
    image: remoteImage(http, { imageUrl: image }),
  };
}

/** Some records carry the staging host (`wwwstg.metmuseum.org`); visitors must land on the public site. */
export function metLandingUrl(url: unknown): string | null {
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
