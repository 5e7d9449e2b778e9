import { evaluateLicence } from '@atelier/contracts/licences';
import { HttpNetworkError, HttpStatusError, type HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { OaiError, parseOaiPage, type OaiRecord } from './oai-pmh';
import { inLanguage, readEdm, type EdmWork } from './rijksmuseum-edm';
import {
  accessPoint, linkedArtWork, micrioService, visualItemImage, type DigitalObject, type HumanMadeObject, type LinkedArtWork, type VisualItem,
} from './rijksmuseum-linked-art';
import { emptyCandidate, joinUrl, remoteImage, text, yearRange, type HarvestOptions, type SourceImporter } from './remote-source';

export const RIJKS_INSTITUTION = 'Rijksmuseum';
const DATA_HOST = 'data.rijksmuseum.nl';
const ID_PREFIX = 'https://id.rijksmuseum.nl/';
const LINKED_ART_PROFILE = 'https://linked.art/ns/v1/linked-art.json';
/** OAI-PMH answers are one page of ~50 EDM records with inline agents: larger than JSON pages, far below this. */
const OAI_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Where the three services live. The default base is `https://data.rijksmuseum.nl` (Search API `/search/collection`,
 * OAI-PMH `/oai`) and the resolver is `https://id.rijksmuseum.nl/{id}`. Any other base is a mirror that serves all
 * three under one root: `{base}/search/collection`, `{base}/oai` and `{base}/id/{id}`.
 */
export interface RijksEndpoints {
  search: string;
  oai: string;
  /** `https://id.rijksmuseum.nl/200117708` → the URL to GET it from. */
  resolve(uri: string): string;
}

export function rijksEndpoints(baseUrl: string): RijksEndpoints {
  const mirror = new URL(baseUrl).host !== DATA_HOST;
  return {
    search: joinUrl(baseUrl, 'search/collection'),
    oai: joinUrl(baseUrl, 'oai'),
    resolve: (uri) => (mirror && uri.startsWith(ID_PREFIX) ? joinUrl(baseUrl, `id/${uri.slice(ID_PREFIX.length)}`) : uri),
  };
}

/**
 * The Rijksmuseum's keyless data services (collections.md §3a). A full or incremental run harvests OAI-PMH
 * `ListRecords` (EDM): one record per object with the image's own rights (`edm:rights`), `from=` for changes since the
 * last sync, `resumptionToken` paging. `--query` asks the Search API for identifiers (title words) and reads each
 * object's EDM with `GetRecord`. Either way, an object whose rights are open is then resolved as Linked Art for
 * the fields EDM gives only as display text (titles per language, makers, the date range, the landing page);
 * closed ones cost no further request and their image is never fetched.
 */
export const rijksmuseumImporter: SourceImporter = {
  source: 'rijksmuseum',
  label: 'Rijksmuseum',
  defaultBaseUrl: `https://${DATA_HOST}`,
  rate: { perSecond: 1, note: 'none published; one request a second, single thread, out of politeness' },
  incremental: true,
  async *harvest(http, opts) {
    const endpoints = rijksEndpoints(opts.baseUrl);
    const records = opts.query ? searchRecords(http, endpoints, opts) : listRecords(http, endpoints, opts);
    for await (const record of records) {
      if (record.deleted) continue; // withdrawn at the source; there is no "withdraw" yet, so an earlier import stays
      const candidate = await rijksCandidate(http, endpoints, record, opts);
      if (candidate) yield candidate;
    }
  },
};

async function* listRecords(http: HttpFetcher, ep: RijksEndpoints, opts: HarvestOptions): AsyncIterable<OaiRecord> {
  // Day granularity is the one every OAI-PMH repository must accept; a day seen twice only costs `unchanged` works.
  const from = opts.since ? opts.since.toISOString().slice(0, 10) : undefined;
  let url = withQuery(ep.oai, { verb: 'ListRecords', metadataPrefix: 'edm', from });
  for (;;) {
    const page = parseOaiPage(await http.text(url, { maxBytes: OAI_MAX_BYTES }));
    yield* page.records;
    if (!page.resumptionToken) return;
    // The token carries the rest of the request: OAI-PMH forbids repeating the other arguments beside it.
    url = withQuery(ep.oai, { verb: 'ListRecords', resumptionToken: page.resumptionToken });
  }
}

interface SearchPage {
  orderedItems?: { id?: string; type?: string }[];
  next?: { id?: string };
}

/** Search API pages (Linked Art Search) give identifiers only; each is read through OAI-PMH `GetRecord`. */
async function* searchRecords(http: HttpFetcher, ep: RijksEndpoints, opts: HarvestOptions): AsyncIterable<OaiRecord> {
  const params = { title: opts.query, imageAvailable: 'true' };
  let url: string | null = withQuery(ep.search, params);
  while (url) {
    const page: SearchPage = await http.json<SearchPage>(url, { accept: 'application/ld+json, application/json' });
    for (const item of page.orderedItems ?? []) {
      const uri = text(item.id);
      if (!uri) continue;
      try {
        const got = parseOaiPage(await http.text(withQuery(ep.oai, { verb: 'GetRecord', metadataPrefix: 'edm', identifier: uri }), { maxBytes: OAI_MAX_BYTES }));
        if (got.records[0]) yield got.records[0];
        else opts.report?.(sourceIdOf(uri), 'no EDM record for this object');
      } catch (err) {
        if (!(err instanceof HttpStatusError || err instanceof OaiError)) throw err;
        opts.report?.(sourceIdOf(uri), err.message);
      }
    }
    // `next.id` is the service's own URL; only its pageToken is kept, so a mirror stays a mirror.
    const token = page.next?.id ? new URL(page.next.id).searchParams.get('pageToken') : null;
    url = token ? withQuery(ep.search, { ...params, pageToken: token }) : null;
  }
}

/** `url` with these query parameters set (undefined ones left out). */
function withQuery(url: string, params: Record<string, string | undefined>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

/** `https://id.rijksmuseum.nl/200117708` → `200117708`, the id both the resolver and OAI-PMH key objects by. */
export function sourceIdOf(uri: string): string {
  return uri.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? uri;
}

async function rijksCandidate(http: HttpFetcher, ep: RijksEndpoints, record: OaiRecord, opts: HarvestOptions): Promise<ImportCandidate | null> {
  let edm: EdmWork;
  try {
    edm = readEdm(record.metadata);
  } catch (err) {
    opts.report?.(sourceIdOf(record.identifier), `unreadable EDM: ${(err as Error).message}`);
    return null;
  }
  const uri = edm.objectUri ?? record.identifier;
  if (!evaluateLicence(edm.rights).accepted) return rijksWork({ ...edm, objectUri: uri }, null, null, http);

  const hmo = await resolve<HumanMadeObject>(http, ep, uri);
  const work = hmo ? linkedArtWork(hmo) : null;
  let imageUrl = edm.isShownBy;
  if (!micrioService(imageUrl) && work?.visualItem) imageUrl = (await imageFromVisualItem(http, ep, work.visualItem)) ?? imageUrl;
  return rijksWork({ ...edm, objectUri: uri }, work, imageUrl, http);
}

/**
 * A Linked Art document, or null when the resolver cannot give it: EDM alone is enough to import a work, so a
 * missing or broken Linked Art answer costs detail, not the work. Retries (429, 5xx) happen inside the fetcher.
 */
async function resolve<T>(http: HttpFetcher, ep: RijksEndpoints, uri: string): Promise<T | null> {
  try {
    return await http.json<T>(ep.resolve(uri), { accept: 'application/ld+json', profile: LINKED_ART_PROFILE });
  } catch (err) {
    if (err instanceof HttpStatusError || err instanceof HttpNetworkError) return null;
    throw err;
  }
}

/** `shows[0]` → VisualItem → `digitally_shown_by` → DigitalObject (inline, or one more request) → `access_point`. */
async function imageFromVisualItem(http: HttpFetcher, ep: RijksEndpoints, visualItemUri: string): Promise<string | null> {
  const item = await resolve<VisualItem>(http, ep, visualItemUri);
  if (!item) return null;
  const inline = visualItemImage(item);
  if (inline) return inline;
  // The Rijksmuseum may give the DigitalObject by reference only.
  const ref = text(item.digitally_shown_by?.[0]?.id);
  const digital = ref ? await resolve<DigitalObject>(http, ep, ref) : null;
  return digital ? accessPoint(digital) : null;
}

/** Linked Art wins where it has a field; EDM fills the rest and alone decides the licence. */
export function rijksWork(edm: EdmWork, la: LinkedArtWork | null, imageUrl: string | null, http: HttpFetcher): ImportCandidate {
  const uri = edm.objectUri ?? la?.uri ?? '';
  const sourceId = sourceIdOf(uri);
  const english = la?.titleEn ?? langText(edm.titles, 'en');
  const dutch = la?.titleNl ?? langText(edm.titles, 'nl');
  const title = english ?? dutch ?? inLanguage(edm.titles, 'en') ?? la?.objectNumber ?? edm.objectNumber ?? sourceId;
  const dateDisplay = la?.dateDisplay ?? inLanguage(edm.dates, 'en');
  const range = la && la.dateStart !== null ? { dateStart: la.dateStart, dateEnd: la.dateEnd } : yearsIn(dateDisplay);
  const service = micrioService(imageUrl);
  const open = evaluateLicence(edm.rights).accepted;
  return {
    ...emptyCandidate('rijksmuseum', sourceId, title),
    creator: la?.creator ?? (edm.creators.length ? edm.creators.join('; ') : null),
    dateDisplay,
    ...range,
    medium: la?.medium ?? null,
    description: descriptionOf(title, dutch, edm),
    institution: RIJKS_INSTITUTION,
    landingUrl: la?.landingUrl ?? edm.isShownAt,
    // The statement is what EDM says about the image; the record's own CC0 (Linked Art) is about metadata only.
    rightsStatement: edm.rightsText ?? edm.rights,
    licence: edm.rights,
    iiifService: service,
    imageUrl,
    pixelWidth: edm.width,
    pixelHeight: edm.height,
    image: open ? remoteImage(http, { iiifService: service, imageUrl }) : null,
  };
}

/**
 * The schema has one title column: English is stored as the title and the Dutch title leads the description, so a
 * visitor's Dutch words find the work (description is indexed with the Dutch stemmer) and the original stays visible.
 */
function descriptionOf(title: string, dutch: string | null, edm: EdmWork): string | null {
  const lines: string[] = [];
  if (dutch && dutch !== title) lines.push(`Dutch title: ${dutch}`);
  for (const lang of ['en', 'nl'] as const) {
    const d = langText(edm.descriptions, lang);
    if (d && !lines.includes(d)) lines.push(d);
  }
  return lines.length ? lines.join('\n\n') : null;
}

function langText(vs: EdmWork['titles'], lang: 'en' | 'nl'): string | null {
  return vs.find((v) => v.lang === lang || v.lang?.startsWith(`${lang}-`))?.text ?? null;
}

/** `ca. 1628 - ca. 1629` → 1628–1629, for records whose Linked Art could not be read. */
function yearsIn(display: string | null): { dateStart: number | null; dateEnd: number | null } {
  const years = (display?.match(/\b\d{3,4}\b/g) ?? []).map(Number);
  return years.length ? yearRange(Math.min(...years), Math.max(...years)) : { dateStart: null, dateEnd: null };
}
