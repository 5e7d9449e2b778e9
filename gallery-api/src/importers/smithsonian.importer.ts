import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { displayDateRange, rangeAgreeingWith, type YearRange } from '@atelier/contracts/display-date';
import { CC0_URI, emptyCandidate, httpUrl, joinUrl, offsetPages, remoteImage, text, yearRange, type SourceImporter } from './remote-source';
import { countIn, describeValue, isObject, listOf, objectsOf, readRecord, recordName, recordsAt, requireId, UnexpectedAnswerError, type Json } from './source-records';

/** One EDAN search row (`response.rows[]`); its shape is only trusted field by field. */
export type SiRow = Json;

const ROWS = 100;
/** Labels of `freetext.name` that name who made the work (others: Collector, Donor, Sitter…). */
const MAKER_LABELS = /^(artist|creator|maker|designer|photographer|author|painter|sculptor|engraver|printmaker)$/i;
const DEFAULT_BASE = 'https://api.si.edu/openaccess/api/v1.0';
/** The Smithsonian's image delivery (IDS): IIIF at `ids/iiif/{idsId}`, downloads at `ids/deliveryService?id=`. */
const IDS_HOST = 'https://ids.si.edu/';

/** Smithsonian Open Access (EDAN): `/search` with `media_usage:CC0`, paged with start/rows, an api.data.gov key. */
export const smithsonianImporter: SourceImporter = {
  source: 'si',
  label: 'Smithsonian Open Access',
  defaultBaseUrl: 'https://api.si.edu/openaccess/api/v1.0',
  // api.data.gov's default quota is 1,000 requests an hour (unverified for this API): one every 3.6 s, burst 10.
  rate: { perSecond: 0.27, burst: 10, note: 'api.data.gov key quota, 1,000 requests an hour' },
  incremental: false,
  needsKey: true,
  keyEnv: 'SMITHSONIAN_API_KEY',
  imageHosts: ['ids.si.edu'],
  async *harvest(http, opts) {
    const q = ['online_media_type:Images', 'media_usage:CC0', opts.query ? `(${opts.query})` : null].filter(Boolean).join(' AND ');
    const ids = idsRoot(opts.baseUrl);
    let position = 0;
    const rows = offsetPages(ROWS, async (start) => {
      const body = await http.json<unknown>(joinUrl(opts.baseUrl, 'search', { q, start, rows: ROWS, api_key: opts.apiKey ?? '' }));
      if (!isObject(body) || !isObject(body.response))
        throw new UnexpectedAnswerError(`Smithsonian search answer: expected { status, response: { rows, rowCount } }, got ${describeValue(body)}`);
      const records = recordsAt(body.response, 'rows', 'Smithsonian search answer (response)', (r) => countIn(r.rowCount) === 0);
      return { records, total: countIn(body.response.rowCount) };
    });
    for await (const row of rows) {
      const name = recordName(row, ['url', 'id'], `Smithsonian result ${++position}`);
      const candidate = readRecord(row, name, (r) => smithsonianCandidate(r, http, ids), opts);
      if (candidate) yield candidate;
    }
  },
};

/**
 * Where IDS lives for a run: ids.si.edu for the real API; for a mirror (`--base-url` anything else), the mirror
 * itself serves it under `{base}/ids/…`, since the image server's address is built from ids in the records and
 * would otherwise still point at the Smithsonian (an offline mirror could not work).
 */
export function idsRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '') === DEFAULT_BASE ? IDS_HOST : joinUrl(baseUrl, '');
}

export function smithsonianCandidate(row: SiRow, http: HttpFetcher, ids = IDS_HOST): ImportCandidate {
  const content = isObject(row.content) ? row.content : {};
  const d = isObject(content.descriptiveNonRepeating) ? content.descriptiveNonRepeating : {};
  const free = isObject(content.freetext) ? content.freetext : {};
  const indexed = isObject(content.indexedStructured) ? content.indexedStructured : {};
  const edanUrl = text(row.url);
  const sourceId = requireId(text(d.record_ID) ?? text(edanUrl?.replace(/^edanmdm:/, '')) ?? text(row.id), 'record_ID');
  const onlineMedia = isObject(d.online_media) ? d.online_media : {};
  const images = objectsOf(onlineMedia.media).filter((m) => m.type === 'Images');
  const access = (m: Json | undefined) => (isObject(m?.usage) ? text(m.usage.access) : null);
  // The licence is per image: a CC0 record may carry images that are not (collections.md §6); objectRights
  // ("No Copyright - United States") is a statement, never the licence.
  const open = images.find((m) => access(m) === 'CC0');
  const recordOpen = isObject(d.metadata_usage) && d.metadata_usage.access === 'CC0';
  const licensed = open && recordOpen ? open : null;
  const service = licensed ? idsService(licensed.idsId, ids) : null;
  const imageUrl = licensed ? onIds(httpUrl(licensed.content), ids) : null;
  const rights = text(objectsOf(free.objectRights).map((r) => text(r.content)).filter(Boolean).join(' '));
  const date = text(objectsOf(free.date)[0]?.content);
  const title = isObject(d.title) ? text(d.title.content) : null;
  const stated = access(images[0]) ?? 'none';
  return {
    ...emptyCandidate('si', sourceId, title ?? text(row.title) ?? sourceId),
    creator: text(objectsOf(free.name).filter((n) => MAKER_LABELS.test(text(n.label) ?? '')).map((n) => text(n.content)).filter(Boolean).join('; ')),
    dateDisplay: date,
    // The display date is what the museum shows; EDAN's indexed range (decades) must at least contain it.
    ...rangeAgreeingWith(date, indexedRange(listOf(indexed.date).map(text).filter((v): v is string => Boolean(v)))),
    medium: text(objectsOf(free.physicalDescription).find((p) => /medium/i.test(text(p.label) ?? ''))?.content),
    institution: text(d.data_source) ?? 'Smithsonian Institution',
    landingUrl: landingUrl(d, free, edanUrl, sourceId),
    rightsStatement: [licensed ? 'usage.access: CC0' : `usage.access: ${stated}`, rights].filter(Boolean).join('; '),
    licence: licensed ? CC0_URI : null,
    refusal: licensed
      ? null
      : images.length === 0
        ? 'The Smithsonian record has no image.'
        : `Not released as CC0 by the Smithsonian (usage.access: ${recordOpen ? stated : `${stated}; metadata_usage.access: ${isObject(d.metadata_usage) ? (text(d.metadata_usage.access) ?? 'none') : 'none'}`}).`,
    iiifService: service,
    imageUrl,
    // No pixel size in EDAN: the import asks the IDS service's info.json for the full size.
    image: licensed ? remoteImage(http, { iiifService: service, imageUrl }) : null,
  };
}

/**
 * The object's page: `record_link`, else `guid` (both n2t ARKs), else a link among the record's identifiers, else
 * its page in the Smithsonian's collection search, which every EDAN record has (`edanmdm:{record_ID}`).
 */
function landingUrl(d: Json, free: Json, edanUrl: string | null, sourceId: string): string | null {
  const fromIdentifiers = objectsOf(free.identifier)
    .map((i) => text(i.content))
    .map((v) => (v && /^ark:\//.test(v) ? `http://n2t.net/${v}` : v))
    .map(httpUrl)
    .find(Boolean);
  const edan = edanUrl && /^edanmdm:/.test(edanUrl) ? edanUrl : `edanmdm:${sourceId}`;
  return httpUrl(d.record_link) ?? httpUrl(d.guid) ?? fromIdentifiers ?? `https://collections.si.edu/search/detail/${encodeURIComponent(edan).replace(/%3A/g, ':')}`;
}

/** `idsId` is an IDS id (`SAAM-1929.6.1_1`) with an IIIF service, or (NMNH) a media URL without one. */
function idsService(idsId: unknown, ids: string): string | null {
  const id = text(idsId);
  if (!id) return null;
  if (/^https?:\/\//.test(id)) {
    // An IDS delivery URL names the id too (`…/deliveryService?id=SAAM-…`).
    const u = new URL(id);
    const named = u.hostname === 'ids.si.edu' ? u.searchParams.get('id') : null;
    return named ? `${ids}ids/iiif/${encodeURIComponent(named)}` : null;
  }
  return `${ids}ids/iiif/${encodeURIComponent(id)}`;
}

/** An ids.si.edu URL on the run's IDS root (the mirror's, if any). */
function onIds(url: string | null, ids: string): string | null {
  if (!url || ids === IDS_HOST) return url;
  return url.startsWith(IDS_HOST) ? ids + url.slice(IDS_HOST.length) : url;
}

/** EDAN's indexed dates are decades (`1950s`) or years; several of them span their union. */
function indexedRange(values: string[]): YearRange {
  const ranges = values.map((v) => (/^\d{3,4}s$/.test(v) ? displayDateRange(v) : yearRange(v, v))).filter((r) => r.dateStart !== null);
  if (!ranges.length) return { dateStart: null, dateEnd: null };
  return { dateStart: Math.min(...ranges.map((r) => r.dateStart!)), dateEnd: Math.max(...ranges.map((r) => r.dateEnd!)) };
}
