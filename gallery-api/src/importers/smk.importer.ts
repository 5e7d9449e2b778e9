import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { CC0_URI, emptyCandidate, joinUrl, offsetPages, pixels, remoteImage, text, year, yearRange, type SourceImporter } from './remote-source';

interface SmkItem {
  object_number: string;
  titles?: { title?: string; language?: string }[];
  production?: { creator?: string; creator_date_of_birth?: string; creator_date_of_death?: string; creator_nationality?: string }[];
  production_date?: { period?: string; start?: string; end?: string }[];
  techniques?: string[];
  public_domain?: boolean;
  rights?: string;
  image_iiif_id?: string | null;
  image_width?: number;
  image_height?: number;
  image_native?: string | null;
  credit_line?: string[] | string | null;
}

const ROWS = 100;
export const SMK_INSTITUTION = 'Statens Museum for Kunst';

/** SMK Open API: public-domain works with images, paged with offset/rows; IIIF Image API at iip.smk.dk. */
export const smkImporter: SourceImporter = {
  source: 'smk',
  label: 'SMK – Statens Museum for Kunst',
  defaultBaseUrl: 'https://api.smk.dk/api/v1',
  rate: { perSecond: 2, note: 'no published limit; two requests a second' },
  incremental: false,
  async *harvest(http, opts) {
    const items = offsetPages(ROWS, async (offset) => {
      const body = await http.json<{ items?: SmkItem[] | null; found?: number }>(
        joinUrl(opts.baseUrl, 'art/search/', {
          keys: opts.query || '*', filters: '[has_image:true],[public_domain:true]', offset, rows: ROWS, lang: 'en',
        }),
      );
      return { records: body.items ?? [], total: body.found };
    });
    for await (const item of items) yield smkCandidate(item, http);
  },
};

export function smkCandidate(s: SmkItem, http: HttpFetcher): ImportCandidate {
  const title = text(s.titles?.find((t) => t.language === 'en')?.title) ?? text(s.titles?.[0]?.title) ?? s.object_number;
  const maker = s.production?.[0];
  const born = year(maker?.creator_date_of_birth);
  const died = year(maker?.creator_date_of_death);
  const date = s.production_date?.[0];
  const service = text(s.image_iiif_id);
  const native = text(s.image_native);
  // `rights` is Creative Commons' CC0 web page (normalised by evaluateLicence); a bare public_domain flag means CC0.
  const licence = text(s.rights) ?? (s.public_domain === true ? CC0_URI : null);
  return {
    ...emptyCandidate('smk', s.object_number, title),
    creator: text(maker?.creator),
    creatorLife: born !== null || died !== null ? [text(maker?.creator_nationality), `${born ?? '?'}–${died ?? '?'}`].filter(Boolean).join(', ') : null,
    dateDisplay: text(date?.period),
    ...yearRange(date?.start, date?.end),
    medium: text(s.techniques?.join(', ')),
    institution: SMK_INSTITUTION,
    landingUrl: `https://open.smk.dk/en/artwork/image/${encodeURIComponent(s.object_number.toLowerCase())}`,
    rightsStatement: text(s.rights),
    licence: s.public_domain === false && !text(s.rights) ? null : licence,
    iiifService: service,
    imageUrl: native,
    pixelWidth: pixels(s.image_width),
    pixelHeight: pixels(s.image_height),
    // Legacy items have no IIIF id: their native download is used instead.
    image: remoteImage(http, { iiifService: service, imageUrl: native }),
  };
}
