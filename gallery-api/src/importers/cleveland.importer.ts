import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { rangeAgreeingWith } from '@atelier/contracts/display-date';
import { CC0_URI, emptyCandidate, httpUrl, joinUrl, offsetPages, pixels, remoteImage, text, yearRange, type SourceImporter } from './remote-source';
import { countIn, isObject, objectsOf, readRecord, recordName, recordsAt, requireId, type Json } from './source-records';

const PAGE_SIZE = 100;
export const CMA_INSTITUTION = 'The Cleveland Museum of Art';

/** Cleveland Museum of Art Open Access API: paged with skip/limit, CC0 works with images only. */
export const clevelandImporter: SourceImporter = {
  source: 'cma',
  label: 'Cleveland Museum of Art',
  defaultBaseUrl: 'https://openaccess-api.clevelandart.org/api',
  // No published limit; Openverse kept to one call every few seconds. One a second is polite.
  rate: { perSecond: 1, note: 'no published limit; one request a second' },
  incremental: false,
  imageHosts: [],
  async *harvest(http, opts) {
    let position = 0;
    const artworks = offsetPages(PAGE_SIZE, async (skip) => {
      const body = await http.json<unknown>(
        // `cc0=1` is the documented filter; a captured call echoed `cc=1`, so both are sent.
        joinUrl(opts.baseUrl, 'artworks/', { q: opts.query, cc0: 1, cc: 1, has_image: 1, skip, limit: PAGE_SIZE }),
      );
      const records = recordsAt(body, 'data', 'Cleveland Museum of Art /artworks/ answer');
      const info = (body as Json).info;
      return { records, total: countIn(isObject(info) ? info.total : undefined) };
    });
    for await (const a of artworks) {
      const candidate = readRecord(a, recordName(a, ['id', 'accession_number'], `Cleveland result ${++position}`), (r) => clevelandCandidate(r, http), opts);
      if (candidate) yield candidate;
    }
  },
};

/** One artwork of `/artworks/` (`data[]`) or `/artworks/{id}` (`data`). */
export function clevelandCandidate(a: Json, http: HttpFetcher): ImportCandidate {
  const id = requireId(text(a.id), 'id');
  const creator = text(objectsOf(a.creators)[0]?.description);
  const images = isObject(a.images) ? a.images : {};
  const size = (k: string) => (isObject(images[k]) ? (images[k] as Json) : null);
  // `full` is a 70 MB+ TIFF: the pixel size comes from it, the bytes from `web` (the canvas needs ≤1024 px).
  const sized = size('full') ?? size('print') ?? size('web');
  const download = httpUrl(size('web')?.url) ?? httpUrl(size('print')?.url);
  const open = a.share_license_status === 'CC0';
  const status = text(a.share_license_status);
  const dateDisplay = text(a.creation_date);
  return {
    ...emptyCandidate('cma', id, text(a.title) ?? `Artwork ${text(a.accession_number) ?? id}`),
    creator: creator?.replace(/\s*\(.*\)\s*$/, '') || null,
    creatorLife: creator?.match(/\(([^)]*)\)\s*$/)?.[1] ?? null,
    dateDisplay,
    ...rangeAgreeingWith(dateDisplay, yearRange(a.creation_date_earliest, a.creation_date_latest)),
    medium: text(a.technique),
    description: text(a.description),
    institution: CMA_INSTITUTION,
    landingUrl: httpUrl(a.url),
    rightsStatement: text(a.copyright) ?? status,
    licence: open ? CC0_URI : (text(a.copyright) ?? status),
    refusal: !open && status ? `Not released as CC0 by the Cleveland Museum of Art (share_license_status: ${status}).` : null,
    attribution: null,
    imageUrl: open ? download : null,
    pixelWidth: pixels(sized?.width),
    pixelHeight: pixels(sized?.height),
    image: open ? remoteImage(http, { imageUrl: download }) : null,
  };
}
