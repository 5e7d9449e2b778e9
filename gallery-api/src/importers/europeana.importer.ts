import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { emptyCandidate, joinUrl, pixels, remoteImage, text, yearRange, type SourceImporter } from './remote-source';

interface WebResource {
  about?: string;
  webResourceEdmRights?: { def?: string[] };
  ebucoreWidth?: number;
  ebucoreHeight?: number;
  svcsHasService?: string[];
}

export interface EuropeanaItem {
  id: string;
  title?: string[];
  dcCreator?: string[];
  edmAgentLabel?: { def?: string }[] | null;
  year?: string[] | null;
  dataProvider?: string[];
  rights?: string[];
  edmIsShownBy?: string[];
  guid?: string;
  dcDescription?: string[] | null;
  /** Present on records (and rich search profiles): per-resource rights override the item's. */
  webResources?: WebResource[];
}

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
  async *harvest(http, opts) {
    let cursor = '*';
    while (cursor) {
      const url = new URL(joinUrl(opts.baseUrl, 'search.json', {
        wskey: opts.apiKey ?? '', query: opts.query || '*', reusability: 'open', media: 'true', rows: ROWS, cursor, profile: 'rich',
      }));
      url.searchParams.append('qf', 'TYPE:IMAGE');
      if (opts.since) url.searchParams.append('qf', `timestamp_update:[${opts.since.toISOString()} TO *]`);
      const body = await http.json<{ items?: EuropeanaItem[]; nextCursor?: string }>(url.toString());
      const items = body.items ?? [];
      for (const item of items) yield europeanaCandidate(item, http);
      cursor = items.length ? (body.nextCursor ?? '') : '';
    }
  },
};

export function europeanaCandidate(item: EuropeanaItem, http: HttpFetcher): ImportCandidate {
  const shownBy = text(item.edmIsShownBy?.[0]);
  const resource = item.webResources?.find((r) => r.about === shownBy);
  // A web resource's own rights win over the aggregation's (EDM): a PD record may show an NC scan.
  const rights = text(resource?.webResourceEdmRights?.def?.[0]) ?? text(item.rights?.[0]);
  const year = text(item.year?.[0]);
  const service = text(resource?.svcsHasService?.[0]);
  return {
    ...emptyCandidate('europeana', item.id.replace(/^\//, ''), text(item.title?.[0]) ?? item.id),
    creator: europeanaCreator(item),
    dateDisplay: year,
    ...yearRange(year, year),
    description: text(item.dcDescription?.join(' ')),
    institution: text(item.dataProvider?.[0]),
    landingUrl: item.guid ? item.guid.replace(/[?#].*$/, '') : null,
    rightsStatement: rights,
    licence: rights,
    iiifService: service,
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
export function europeanaCreator(item: EuropeanaItem): string | null {
  const creators = (item.dcCreator ?? []).map((c) => c.trim()).filter(Boolean);
  const names = creators.filter((c) => !/^https?:\/\//.test(c));
  const uris = creators.length - names.length;
  const labels = (item.edmAgentLabel ?? []).map((l) => text(l.def)).filter((l): l is string => Boolean(l)).slice(0, uris);
  const all = [...names, ...labels];
  return all.length ? all.join('; ') : null;
}
