import { evaluateLicence } from '@atelier/contracts/licences';
import { HttpNetworkError, HttpStatusError, type HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import type { LangTexts } from '../services/collection-work';
import { displayDateRange } from '@atelier/contracts/display-date';
import { addText } from './language';
import { OaiError, parseOaiPage, type OaiRecord } from './oai-pmh';
import { inLanguage, readEdm, type EdmWork } from './rijksmuseum-edm';
import { legacyCulture, legacyHarvest } from './rijksmuseum-legacy';
import {
  accessPoint, imageRights, linkedArtWork, micrioService, visualItemImage, type DigitalObject, type HumanMadeObject, type LinkedArtWork, type VisualItem,
} from './rijksmuseum-linked-art';
import { emptyCandidate, joinUrl, remoteImage, text, type HarvestOptions, type SourceImporter } from './remote-source';
import { describeValue, isObject, RecordProblem, UnexpectedAnswerError } from './source-records';

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
  // The older Collection API (a base ending in /api/en or /api/nl) needs a key.
  keyEnv: 'RIJKSMUSEUM_API_KEY',
  imageHosts: ['iiif.micr.io'],
  async *harvest(http, opts) {
    const culture = legacyCulture(opts.baseUrl);
    if (culture) {
      yield* legacyHarvest(http, (p, ps) => legacyPageUrl(opts, p, ps), culture, opts);
      return;
    }
    const endpoints = rijksEndpoints(opts.baseUrl);
    if (opts.query) {
      yield* searchHarvest(http, endpoints, opts);
      return;
    }
    for await (const record of listRecords(http, endpoints, opts)) {
      if (record.deleted) continue; // withdrawn at the source; there is no "withdraw" yet, so an earlier import stays
      const candidate = await rijksCandidate(http, endpoints, record, opts);
      if (candidate) yield candidate;
    }
  },
};

/** `{base}/collection?key=&q=&imgonly=True&ps=&p=` of the older Collection API. */
function legacyPageUrl(opts: HarvestOptions, p: number, ps: number): string {
  return withQuery(joinUrl(opts.baseUrl, 'collection'), { key: opts.apiKey, q: opts.query, imgonly: 'True', ps: String(ps), p: String(p) });
}

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

/**
 * `--query`: Search API pages (Linked Art Search: identifiers only), each object read through OAI-PMH `GetRecord`
 * (EDM, with the image's rights), or as Linked Art alone when it has no EDM record. A mirror that answers in the
 * older Collection API's shape (`artObjects`) is read as that API. Any other shape is an error naming both.
 */
async function* searchHarvest(http: HttpFetcher, ep: RijksEndpoints, opts: HarvestOptions): AsyncIterable<ImportCandidate> {
  const params = { title: opts.query, imageAvailable: 'true' };
  let url: string | null = withQuery(ep.search, params);
  while (url) {
    const page: unknown = await http.json<unknown>(url, { accept: 'application/ld+json, application/json' });
    if (isObject(page) && Array.isArray(page.artObjects)) {
      const first = url;
      yield* legacyHarvest(http, (p, ps) => withQuery(first, { p: String(p), ps: String(ps) }), 'en', opts, page);
      return;
    }
    for (const item of searchItems(page)) {
      const uri = text(isObject(item) ? item.id : item);
      if (!uri) continue;
      const candidate = await searchedCandidate(http, ep, uri, opts);
      if (candidate) yield candidate;
    }
    // `next.id` is the service's own URL; only its pageToken is kept, so a mirror stays a mirror.
    const next = isObject(page) && isObject(page.next) ? text(page.next.id) : null;
    const token = next ? new URL(next).searchParams.get('pageToken') : null;
    url = token ? withQuery(ep.search, { ...params, pageToken: token }) : null;
  }
}

/** The identifiers of a Linked Art Search page; a page without `orderedItems` is empty only when it says it holds none. */
function searchItems(page: unknown): unknown[] {
  if (isObject(page) && Array.isArray(page.orderedItems)) return page.orderedItems;
  const total = isObject(page) ? (isObject(page.partOf) ? page.partOf.totalItems : page.totalItems) : undefined;
  if (isObject(page) && page.orderedItems === undefined && total === 0) return [];
  throw new UnexpectedAnswerError(
    `Rijksmuseum search answer: expected a Linked Art Search page (OrderedCollectionPage with "orderedItems") or the older Collection API's "artObjects", got ${describeValue(page)}`,
  );
}

/** One searched object: its EDM record when OAI-PMH has one, else its Linked Art record alone. */
async function searchedCandidate(http: HttpFetcher, ep: RijksEndpoints, uri: string, opts: HarvestOptions): Promise<ImportCandidate | null> {
  let problem: string;
  try {
    const got = parseOaiPage(await http.text(withQuery(ep.oai, { verb: 'GetRecord', metadataPrefix: 'edm', identifier: uri }), { maxBytes: OAI_MAX_BYTES }));
    if (got.records[0] && !got.records[0].deleted) return await rijksCandidate(http, ep, got.records[0], opts);
    problem = 'no EDM record for this object';
  } catch (err) {
    if (!(err instanceof HttpStatusError || err instanceof OaiError)) throw err;
    problem = err.message;
  }
  return linkedArtOnly(http, ep, uri, problem, opts);
}

/**
 * An object with no EDM record: its Linked Art record says everything, the image's licence included (the image's,
 * the visual item's or the object's own rights statements; never the record's CC0, which is the metadata's).
 */
async function linkedArtOnly(http: HttpFetcher, ep: RijksEndpoints, uri: string, problem: string, opts: HarvestOptions): Promise<ImportCandidate | null> {
  const hmo = await resolve<HumanMadeObject>(http, ep, uri);
  if (!isObject(hmo)) {
    opts.report?.(sourceIdOf(uri), `${problem}, and no Linked Art record either`);
    return null;
  }
  try {
    const work = linkedArtWork(hmo);
    const item = work.visualItem ? await resolve<VisualItem>(http, ep, work.visualItem) : null;
    const ref = text(item?.digitally_shown_by?.[0]?.id);
    const inline = item ? visualItemImage(item) : null;
    const digital = !inline && ref ? await resolve<DigitalObject>(http, ep, ref) : null;
    const rights = imageRights(hmo, item, digital ?? item?.digitally_shown_by?.[0] ?? null);
    const edm = edmFromLinkedArt(uri, rights);
    const imageUrl = inline ?? (digital ? accessPoint(digital) : null);
    return rijksWork(edm, work, evaluateLicence(rights).accepted ? imageUrl : null, http);
  } catch (err) {
    if (err instanceof UnexpectedAnswerError) throw err;
    opts.report?.(sourceIdOf(uri), `unreadable Linked Art record (${(err as Error).message})`);
    return null;
  }
}

/** The EDM fields a Linked Art-only object has: its URI and the rights its Linked Art states. */
function edmFromLinkedArt(uri: string, rights: string | null): EdmWork {
  return {
    objectUri: uri, objectNumber: null, titles: [], creators: [], dates: [], descriptions: [], rights,
    rightsText: rights ? `Linked Art rights statement: ${rights}` : null,
    isShownBy: null, isShownAt: null, dataProvider: null, width: null, height: null,
  };
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
  const name = sourceIdOf(record.identifier) || '(an OAI-PMH record without identifier)';
  let edm: EdmWork;
  try {
    edm = readEdm(record.metadata);
  } catch (err) {
    opts.report?.(name, `unreadable EDM: ${(err as Error).message}`);
    return null;
  }
  try {
    const uri = edm.objectUri ?? text(record.identifier);
    if (!uri) throw new RecordProblem('the record names no object (no rdf:about, no OAI identifier)');
    if (!evaluateLicence(edm.rights).accepted) return rijksWork({ ...edm, objectUri: uri }, null, null, http);

    const hmo = await resolve<HumanMadeObject>(http, ep, uri);
    const work = isObject(hmo) ? linkedArtWork(hmo) : null;
    let imageUrl = edm.isShownBy;
    if (!micrioService(imageUrl) && work?.visualItem) imageUrl = (await imageFromVisualItem(http, ep, work.visualItem)) ?? imageUrl;
    return rijksWork({ ...edm, objectUri: uri }, work, imageUrl, http);
  } catch (err) {
    if (err instanceof UnexpectedAnswerError) throw err;
    opts.report?.(name, err instanceof RecordProblem ? err.message : `unreadable record (${(err as Error).message})`);
    return null;
  }
}

/**
 * A Linked Art document, or null when the resolver cannot give it: EDM alone is enough to import a work, so a
 * missing or broken Linked Art answer costs detail, not the work. Retries (429, 5xx) happen inside the fetcher.
 */
async function resolve<T>(http: HttpFetcher, ep: RijksEndpoints, uri: string): Promise<T | null> {
  try {
    const doc = await http.json<unknown>(ep.resolve(uri), { accept: 'application/ld+json', profile: LINKED_ART_PROFILE });
    return isObject(doc) ? (doc as T) : null;
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

/** Linked Art wins where it has a field; EDM fills the rest and alone decides the licence (when there is EDM). */
export function rijksWork(edm: EdmWork, la: LinkedArtWork | null, imageUrl: string | null, http: HttpFetcher): ImportCandidate {
  const uri = edm.objectUri ?? la?.uri ?? '';
  const sourceId = sourceIdOf(uri);
  if (!sourceId) throw new RecordProblem('the record names no object');
  const titles = textsOf(edm.titles, { en: la?.titleEn, nl: la?.titleNl });
  const title = titles.en ?? titles.nl ?? inLanguage(edm.titles, 'en') ?? la?.objectNumber ?? edm.objectNumber ?? sourceId;
  const descriptions = textsOf(edm.descriptions, { en: la?.descriptionEn, nl: la?.descriptionNl });
  const dateDisplay = la?.dateDisplay ?? inLanguage(edm.dates, 'en');
  const range = la && la.dateStart !== null ? { dateStart: la.dateStart, dateEnd: la.dateEnd } : displayDateRange(dateDisplay);
  const service = micrioService(imageUrl);
  const open = evaluateLicence(edm.rights).accepted;
  return {
    ...emptyCandidate('rijksmuseum', sourceId, title),
    titles,
    creator: la?.creator ?? (edm.creators.length ? edm.creators.join('; ') : null),
    dateDisplay,
    ...range,
    medium: la?.medium ?? null,
    description: descriptions.en ?? descriptions.nl ?? inLanguage(edm.descriptions, 'en'),
    descriptions,
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

/** EDM values per `xml:lang`, with Linked Art's titles first where it has them. */
function textsOf(values: EdmWork['titles'], first: Record<string, string | null | undefined>): LangTexts {
  const out: LangTexts = {};
  for (const [lang, t] of Object.entries(first)) addText(out, lang, t);
  for (const v of values) addText(out, v.lang, v.text);
  return out;
}
