import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import type { LangTexts } from '../services/collection-work';
import { rangeAgreeingWith } from '@atelier/contracts/display-date';
import { addText } from './language';
import { CC0_URI, emptyCandidate, httpUrl, joinUrl, offsetPages, pixels, remoteImage, text, year, yearRange, type SourceImporter } from './remote-source';
import { countIn, listOf, objectsOf, readRecord, recordName, recordsAt, requireId, type Json } from './source-records';

const ROWS = 100;
export const SMK_INSTITUTION = 'Statens Museum for Kunst';

/** SMK Open API: public-domain works with images, paged with offset/rows; IIIF Image API at iip.smk.dk. */
export const smkImporter: SourceImporter = {
  source: 'smk',
  label: 'SMK – Statens Museum for Kunst',
  defaultBaseUrl: 'https://api.smk.dk/api/v1',
  rate: { perSecond: 2, note: 'no published limit; two requests a second' },
  incremental: false,
  imageHosts: ['iip.smk.dk'],
  async *harvest(http, opts) {
    let position = 0;
    const items = offsetPages(ROWS, async (offset) => {
      const body = await http.json<unknown>(
        joinUrl(opts.baseUrl, 'art/search/', {
          keys: opts.query || '*', filters: '[has_image:true],[public_domain:true]', offset, rows: ROWS, lang: 'en',
        }),
      );
      // SMK answers `items: null` when nothing is found.
      const records = recordsAt(body, 'items', 'SMK search answer', (p) => countIn(p.found) === 0);
      return { records, total: countIn((body as Json).found) };
    });
    for await (const item of items) {
      const name = recordName(item, ['object_number', 'id'], `SMK search result ${++position}`);
      const candidate = readRecord(item, name, (r) => smkCandidate(r, http), opts);
      if (candidate) yield candidate;
    }
  },
};

/** One SMK item (`/art/search/` `items[]`, `/art/?object_number=` `items[]`); every field is optional in practice. */
export function smkCandidate(s: Json, http: HttpFetcher): ImportCandidate {
  const objectNumber = requireId(text(s.object_number), 'object_number');
  const titles = objectsOf(s.titles);
  const tagged: LangTexts = {};
  for (const t of titles) addText(tagged, t.language, t.title);
  const title = tagged.en ?? text(titles[0]?.title) ?? objectNumber;
  const maker = objectsOf(s.production)[0];
  const born = year(maker?.creator_date_of_birth);
  const died = year(maker?.creator_date_of_death);
  const date = objectsOf(s.production_date)[0];
  const service = httpUrl(s.image_iiif_id);
  const native = httpUrl(s.image_native);
  const rights = text(s.rights);
  const period = text(date?.period);
  return {
    ...emptyCandidate('smk', objectNumber, title),
    titles: tagged,
    creator: text(maker?.creator),
    creatorLife: born !== null || died !== null ? [text(maker?.creator_nationality), `${born ?? '?'}–${died ?? '?'}`].filter(Boolean).join(', ') : null,
    dateDisplay: period,
    ...rangeAgreeingWith(period, yearRange(date?.start, date?.end)),
    medium: text(listOf(s.techniques).map(text).filter(Boolean).join(', ')),
    institution: SMK_INSTITUTION,
    landingUrl: `https://open.smk.dk/en/artwork/image/${encodeURIComponent(objectNumber.toLowerCase())}`,
    rightsStatement: rights,
    // `rights` is Creative Commons' CC0 web page (normalised by evaluateLicence); a bare public_domain flag means CC0.
    licence: rights ?? (s.public_domain === true ? CC0_URI : null),
    refusal: s.public_domain === false && !rights ? 'Not in the public domain at SMK (public_domain: false).' : null,
    iiifService: service,
    iiifManifest: httpUrl(s.iiif_manifest),
    imageUrl: native,
    pixelWidth: pixels(s.image_width),
    pixelHeight: pixels(s.image_height),
    // Legacy items have no IIIF id: their native download is used instead.
    image: remoteImage(http, { iiifService: service, imageUrl: native }),
  };
}
