import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { displayDateRange } from '@atelier/contracts/display-date';
import { fromLanguageMap, pick } from './language';
import { emptyCandidate, httpUrl, joinUrl, pixels, remoteImage, text, type SourceImporter } from './remote-source';
import { countIn, describeValue, isObject, listOf, objectsOf, readRecord, recordName, recordsAt, requireId, UnexpectedAnswerError, type Json } from './source-records';

const ROWS = 100;

/** Europeana Search API: `reusability=open` (PDM, CC0, BY, BY-SA), cursor paging, a key per call. */
export const europeanaImporter: SourceImporter = {
  source: 'europeana',
  label: 'Europeana',
  defaultBaseUrl: 'https://api.europeana.eu/record/v2',
  rate: { perSecond: 5, burst: 5, note: 'key-based quota; five requests a second' },
  incremental: true,
  needsKey: true,
  keyEnv: 'EUROPEANA_API_KEY',
  imageHosts: [],
  async *harvest(http, opts) {
    let cursor = '*';
    let position = 0;
    while (cursor) {
      const url = new URL(joinUrl(opts.baseUrl, 'search.json', {
        wskey: opts.apiKey ?? '', query: opts.query || '*', reusability: 'open', media: 'true', rows: ROWS, cursor, profile: 'rich',
      }));
      url.searchParams.append('qf', 'TYPE:IMAGE');
      if (opts.since) url.searchParams.append('qf', `timestamp_update:[${opts.since.toISOString()} TO *]`);
      const body = await http.json<unknown>(url.toString());
      if (isObject(body) && body.success === false)
        throw new UnexpectedAnswerError(`Europeana search answered success: false (${text(body.error) ?? describeValue(body)})`);
      // No `items` at all is how Europeana answers a search that found nothing.
      const items = recordsAt(body, 'items', 'Europeana search answer', (p) => countIn(p.totalResults) === 0 || countIn(p.itemsCount) === 0);
      for (const item of items) {
        const candidate = readRecord(item, recordName(item, ['id', 'guid'], `Europeana result ${++position}`), (r) => europeanaCandidate(r, http), opts);
        if (candidate) yield candidate;
      }
      cursor = items.length ? (text((body as Json).nextCursor) ?? '') : '';
    }
  },
};

/** One search item (`profile=rich`): every field is a list or a language map, and any may be missing. */
export const EUROPEANA_IIIF = 'https://iiif.europeana.eu/presentation';

export function europeanaCandidate(item: Json, http: HttpFetcher): ImportCandidate {
  const id = requireId(text(item.id)?.replace(/^\//, '') ?? null, 'id');
  const shownBy = httpUrl(listOf(item.edmIsShownBy)[0]);
  const resource = objectsOf(item.webResources).find((r) => text(r.about) === shownBy);
  const resourceRights = isObject(resource?.webResourceEdmRights) ? listOf(resource.webResourceEdmRights.def)[0] : undefined;
  // A web resource's own rights win over the aggregation's (EDM): a PD record may show an NC scan.
  const rights = text(resourceRights) ?? text(listOf(item.rights)[0]);
  const year = text(listOf(item.year)[0]);
  const service = httpUrl(listOf(resource?.svcsHasService)[0]);
  const titles = fromLanguageMap(item.dcTitleLangAware);
  const descriptions = fromLanguageMap(item.dcDescriptionLangAware, ' ');
  const untitled = text(listOf(item.title)[0]) ?? text(listOf(isObject(item.dcTitleLangAware) ? item.dcTitleLangAware.def : undefined)[0]);
  return {
    ...emptyCandidate('europeana', id, untitled ?? pick(titles, 'en') ?? Object.values(titles)[0] ?? id),
    titles,
    creator: europeanaCreator(item),
    dateDisplay: year,
    ...displayDateRange(year),
    description: text(listOf(item.dcDescription).map(text).filter(Boolean).join(' ')) ?? pick(descriptions, 'en') ?? Object.values(descriptions)[0] ?? null,
    descriptions,
    institution: text(listOf(item.dataProvider)[0]),
    landingUrl: httpUrl(text(item.guid)?.replace(/[?#].*$/, '')),
    rightsStatement: rights,
    licence: rights,
    iiifService: service,
    // Europeana's IIIF Presentation API serves a manifest for every record (collections.md, Europeana).
    iiifManifest: `${EUROPEANA_IIIF}/${id.split('/').map(encodeURIComponent).join('/')}/manifest`,
    imageUrl: shownBy,
    pixelWidth: pixels(resource?.ebucoreWidth),
    pixelHeight: pixels(resource?.ebucoreHeight),
    image: remoteImage(http, { iiifService: service, imageUrl: shownBy }),
  };
}

/**
 * `dcCreator` may hold entity URIs (`http://…#ent2`) instead of names. The names are then in `edmAgentLabel`,
 * which also lists depicted places and subjects after the creators, so only as many labels as creator URIs are taken.
 */
export function europeanaCreator(item: Json): string | null {
  const creators = listOf(item.dcCreator).map(text).filter((c): c is string => Boolean(c));
  const names = creators.filter((c) => !/^https?:\/\//.test(c));
  const uris = creators.length - names.length;
  const labels = objectsOf(item.edmAgentLabel).map((l) => text(l.def)).filter((l): l is string => Boolean(l)).slice(0, uris);
  const all = [...names, ...labels];
  return all.length ? all.join('; ') : null;
}
