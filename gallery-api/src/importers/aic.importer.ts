import { defaultUserAgent, type HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { rangeAgreeingWith } from '@atelier/contracts/display-date';
import { CC0_URI, emptyCandidate, httpUrl, joinUrl, offsetPages, pixels, remoteImage, text, yearRange, type SourceImporter } from './remote-source';
import { countIn, isObject, readRecord, recordName, recordsAt, requireId, type Json } from './source-records';

const FIELDS = [
  'id', 'title', 'artist_display', 'artist_title', 'date_display', 'date_start', 'date_end', 'medium_display',
  'is_public_domain', 'copyright_notice', 'image_id', 'thumbnail', 'credit_line',
].join(',');
const PAGE_SIZE = 100;
/** AIC answers no search past 10,000 results; larger harvests belong to the data dump. */
const SEARCH_WINDOW = 10_000;
export const AIC_INSTITUTION = 'Art Institute of Chicago';

/** Art Institute of Chicago: Elasticsearch search over public-domain works, IIIF Image API 2 for images. */
export const aicImporter: SourceImporter = {
  source: 'aic',
  label: 'Art Institute of Chicago',
  defaultBaseUrl: 'https://api.artic.edu/api/v1',
  rate: { perSecond: 1, note: '60 requests a minute anonymous; ≤1 a second when harvesting' },
  incremental: true,
  imageHosts: ['www.artic.edu', 'lakeimagesweb.artic.edu'],
  async *harvest(http, opts) {
    const filter: unknown[] = [{ term: { is_public_domain: true } }, { exists: { field: 'image_id' } }];
    if (opts.since) filter.push({ range: { updated_at: { gte: opts.since.toISOString() } } });
    const params = JSON.stringify({
      ...(opts.query ? { q: opts.query } : {}),
      query: { bool: { filter } },
      sort: [{ id: 'asc' }],
    });
    const headers = { 'AIC-User-Agent': defaultUserAgent() };
    // Each page names the IIIF server its image ids live on.
    let iiif = 'https://www.artic.edu/iiif/2';
    let position = 0;
    const artworks = offsetPages(
      PAGE_SIZE,
      async (offset) => {
        const page = offset / PAGE_SIZE + 1;
        const body = await http.json<unknown>(joinUrl(opts.baseUrl, 'artworks/search', { params, fields: FIELDS, limit: PAGE_SIZE, page }), headers);
        const records = recordsAt(body, 'data', 'Art Institute of Chicago search answer');
        const b = body as Json;
        iiif = httpUrl(isObject(b.config) ? b.config.iiif_url : null) ?? iiif;
        return { records, total: countIn(isObject(b.pagination) ? b.pagination.total : undefined) };
      },
      SEARCH_WINDOW,
    );
    for await (const a of artworks) {
      const candidate = readRecord(a, recordName(a, ['id'], `AIC search result ${++position}`), (r) => aicCandidate(r, iiif, http, opts.baseUrl), opts);
      if (candidate) yield candidate;
    }
  },
};

/** One artwork of `/artworks/search` (with FIELDS) or `/artworks/{id}`'s `data`. */
/** `apiBase`: the API the record came from, which serves each artwork's IIIF Presentation 2 manifest. */
export function aicCandidate(a: Json, iiifUrl: string, http: HttpFetcher, apiBase = aicImporter.defaultBaseUrl): ImportCandidate {
  const id = requireId(text(a.id), 'id');
  const imageId = text(a.image_id);
  const service = imageId ? `${iiifUrl.replace(/\/$/, '')}/${encodeURIComponent(imageId)}` : null;
  // "Walter Shirlaw\nAmerican, 1838–1909": the name, then nationality and life dates.
  const lines = (typeof a.artist_display === 'string' ? a.artist_display.split('\n') : []).map(text).filter((l): l is string => Boolean(l));
  const thumbnail = isObject(a.thumbnail) ? a.thumbnail : {};
  const dateDisplay = text(a.date_display);
  const copyright = text(a.copyright_notice);
  return {
    ...emptyCandidate('aic', id, text(a.title) ?? `Artwork ${id}`),
    creator: text(a.artist_title) ?? text(lines[0]),
    creatorLife: text(lines.slice(1).join(', ')),
    dateDisplay,
    ...rangeAgreeingWith(dateDisplay, yearRange(a.date_start, a.date_end)),
    medium: text(a.medium_display),
    // `description` is CC BY 4.0 while the rest of the record is CC0: it is left out rather than mis-credited.
    description: null,
    institution: AIC_INSTITUTION,
    landingUrl: `https://www.artic.edu/artworks/${encodeURIComponent(id)}`,
    rightsStatement: copyright,
    // AIC open access: is_public_domain true means the image is CC0 (collections.md §10.1); false is AIC's own
    // word that it is not, whatever else the record says.
    licence: a.is_public_domain === true ? CC0_URI : copyright,
    refusal:
      a.is_public_domain === false
        ? `Not in the public domain at the Art Institute of Chicago (is_public_domain: false)${copyright ? `: ${copyright}` : ''}.`
        : null,
    iiifService: service,
    iiifManifest: `${apiBase.replace(/\/$/, '')}/artworks/${encodeURIComponent(id)}/manifest.json`,
    imageUrl: service ? `${service}/full/843,/0/default.jpg` : null,
    // thumbnail.width/height are the full-resolution size of the primary image.
    pixelWidth: pixels(thumbnail.width),
    pixelHeight: pixels(thumbnail.height),
    image: remoteImage(http, { iiifService: service }),
  };
}
