import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { CC0_URI, emptyCandidate, joinUrl, offsetPages, pixels, remoteImage, text, yearRange, type SourceImporter } from './remote-source';

interface CmaImage {
  url?: string;
  width?: string | number;
  height?: string | number;
}

interface CmaArtwork {
  id: number;
  accession_number?: string;
  title?: string;
  creators?: { description?: string; birth_year?: string | null; death_year?: string | null }[];
  creation_date?: string;
  creation_date_earliest?: number;
  creation_date_latest?: number;
  technique?: string;
  description?: string | null;
  share_license_status?: string;
  copyright?: string | null;
  url?: string;
  creditline?: string;
  images?: { web?: CmaImage; print?: CmaImage; full?: CmaImage } | null;
}

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
  async *harvest(http, opts) {
    const artworks = offsetPages(PAGE_SIZE, async (skip) => {
      const body = await http.json<{ info?: { total?: number }; data: CmaArtwork[] }>(
        // `cc0=1` is the documented filter; a captured call echoed `cc=1`, so both are sent.
        joinUrl(opts.baseUrl, 'artworks/', { q: opts.query, cc0: 1, cc: 1, has_image: 1, skip, limit: PAGE_SIZE }),
      );
      return { records: body.data, total: body.info?.total };
    });
    for await (const a of artworks) yield clevelandCandidate(a, http);
  },
};

export function clevelandCandidate(a: CmaArtwork, http: HttpFetcher): ImportCandidate {
  const creator = text(a.creators?.[0]?.description);
  // `full` is a 70 MB+ TIFF: the pixel size comes from it, the bytes from `web` (the canvas needs ≤1024 px).
  const sized = a.images?.full ?? a.images?.print ?? a.images?.web;
  const download = text(a.images?.web?.url) ?? text(a.images?.print?.url);
  const open = a.share_license_status === 'CC0';
  return {
    ...emptyCandidate('cma', String(a.id), text(a.title) ?? `Artwork ${a.accession_number ?? a.id}`),
    creator: creator?.replace(/\s*\(.*\)\s*$/, '') || null,
    creatorLife: creator?.match(/\(([^)]*)\)\s*$/)?.[1] ?? null,
    dateDisplay: text(a.creation_date),
    ...yearRange(a.creation_date_earliest, a.creation_date_latest),
    medium: text(a.technique),
    description: text(a.description),
    institution: CMA_INSTITUTION,
    landingUrl: text(a.url),
    rightsStatement: text(a.copyright) ?? text(a.share_license_status),
    licence: open ? CC0_URI : (text(a.copyright) ?? text(a.share_license_status)),
    attribution: null,
    imageUrl: open ? download : null,
    pixelWidth: pixels(sized?.width),
    pixelHeight: pixels(sized?.height),
    image: open ? remoteImage(http, { imageUrl: download }) : null,
  };
}
