import { defaultUserAgent, type HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { CC0_URI, emptyCandidate, joinUrl, offsetPages, pixels, remoteImage, text, yearRange, type SourceImporter } from './remote-source';

interface AicArtwork {
  id: number;
  title?: string;
  artist_display?: string;
  artist_title?: string;
  date_display?: string;
  date_start?: number;
  date_end?: number;
  medium_display?: string;
  is_public_domain?: boolean;
  copyright_notice?: string | null;
  image_id?: string | null;
  thumbnail?: { width?: number; height?: number; alt_text?: string } | null;
  credit_line?: string;
}

interface AicPage {
  pagination?: { total?: number; total_pages?: number; current_page?: number };
  data: AicArtwork[];
  config?: { iiif_url?: string; website_url?: string };
}

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
    const artworks = offsetPages(
      PAGE_SIZE,
      async (offset) => {
        const page = offset / PAGE_SIZE + 1;
        const body = await http.json<AicPage>(joinUrl(opts.baseUrl, 'artworks/search', { params, fields: FIELDS, limit: PAGE_SIZE, page }), headers);
        iiif = text(body.config?.iiif_url) ?? iiif;
        return { records: body.data, total: body.pagination?.total };
      },
      SEARCH_WINDOW,
    );
    for await (const a of artworks) yield aicCandidate(a, iiif, http);
  },
};

export function aicCandidate(a: AicArtwork, iiifUrl: string, http: HttpFetcher): ImportCandidate {
  const service = a.image_id ? `${iiifUrl.replace(/\/$/, '')}/${a.image_id}` : null;
  const lines = (a.artist_display ?? '').split('\n').map((l) => l.trim());
  return {
    ...emptyCandidate('aic', String(a.id), text(a.title) ?? `Artwork ${a.id}`),
    creator: text(a.artist_title) ?? text(lines[0]),
    creatorLife: text(lines.slice(1).join(', ')),
    dateDisplay: text(a.date_display),
    ...yearRange(a.date_start, a.date_end),
    medium: text(a.medium_display),
    // `description` is CC BY 4.0 while the rest of the record is CC0: it is left out rather than mis-credited.
    description: null,
    institution: AIC_INSTITUTION,
    landingUrl: `https://www.artic.edu/artworks/${a.id}`,
    rightsStatement: text(a.copyright_notice),
    // AIC open access: is_public_domain true means the image is CC0 (collections.md §10.1).
    licence: a.is_public_domain === true ? CC0_URI : text(a.copyright_notice),
    iiifService: service,
    imageUrl: service ? `${service}/full/843,/0/default.jpg` : null,
    // thumbnail.width/height are the full-resolution size of the primary image.
    pixelWidth: pixels(a.thumbnail?.width),
    pixelHeight: pixels(a.thumbnail?.height),
    image: remoteImage(http, { iiifService: service }),
  };
}
