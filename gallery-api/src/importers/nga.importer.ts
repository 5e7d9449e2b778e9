import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { csvRecords, CsvError } from './csv';
import { rangeAgreeingWith } from '@atelier/contracts/display-date';
import { CC0_URI, emptyCandidate, httpUrl, joinUrl, pixels, remoteImage, text, yearRange, type SourceImporter } from './remote-source';
import { readRecord, requireId, UnexpectedAnswerError } from './source-records';

/** objects.csv is ~60 MB today; the cap leaves room for growth and refuses anything absurd. */
const MAX_CSV_BYTES = 400 * 1024 * 1024;
export const NGA_INSTITUTION = 'National Gallery of Art, Washington';

/**
 * National Gallery of Art open data (github.com/NationalGalleryOfArt/opendata, CC0, refreshed daily): objects.csv
 * joined with published_images.csv on `depictstmsobjectid = objectid`, one work per object with a primary image.
 * `openaccess = 1` → CC0; other images are "fair use" only and are refused (collections.md §7).
 */
export const ngaImporter: SourceImporter = {
  source: 'nga',
  label: 'National Gallery of Art (open data CSV)',
  defaultBaseUrl: 'https://raw.githubusercontent.com/NationalGalleryOfArt/opendata/main/data',
  rate: { perSecond: 2, note: 'two files from GitHub, then the IIIF server at two requests a second' },
  incremental: false,
  imageHosts: ['api.nga.gov', 'media.nga.gov'],
  async *harvest(http, opts) {
    const images = await csvFile(http, joinUrl(opts.baseUrl, 'published_images.csv'), IMAGE_COLUMNS);
    const primary = new Map<string, Record<string, string>>();
    for (const img of images) {
      const id = img.depictstmsobjectid?.trim();
      if (!id || img.viewtype?.trim() !== 'primary') continue;
      // Several primaries happen (re-photography): the lowest sequence is the one the NGA shows first.
      const seen = primary.get(id);
      if (!seen || Number(img.sequence) < Number(seen.sequence)) primary.set(id, img);
    }
    const objects = await csvFile(http, joinUrl(opts.baseUrl, 'objects.csv'), OBJECT_COLUMNS);
    const words = (opts.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    let row = 1;
    for (const object of objects) {
      row++;
      const image = primary.get(object.objectid?.trim() ?? '');
      if (!image) continue;
      if (words.length && !words.every((w) => `${object.title} ${object.attribution}`.toLowerCase().includes(w))) continue;
      const candidate = readRecord(object, object.objectid?.trim() || `(objects.csv line ${row})`, () => ngaCandidate(object, image, http), opts);
      if (candidate) yield candidate;
    }
  },
};

/** The columns each file must have (collections.md §7); the others are optional. */
const IMAGE_COLUMNS = ['iiifurl', 'viewtype', 'openaccess', 'depictstmsobjectid'];
const OBJECT_COLUMNS = ['objectid', 'title'];

/** A CSV of the open data, its header checked: a changed file must not read as "no works". */
async function csvFile(http: HttpFetcher, url: string, required: string[]): Promise<Record<string, string>[]> {
  const body = await http.text(url, { maxBytes: MAX_CSV_BYTES });
  let records: Record<string, string>[];
  try {
    records = csvRecords(body);
  } catch (err) {
    if (err instanceof CsvError) throw new UnexpectedAnswerError(`${url}: not a readable CSV (${err.message})`);
    throw err;
  }
  const header = body.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]?.split(',').map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase()) ?? [];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) throw new UnexpectedAnswerError(`${url}: expected a CSV with the columns ${required.join(', ')}; missing ${missing.join(', ')}`);
  return records;
}

export function ngaCandidate(o: Record<string, string>, img: Record<string, string>, http: HttpFetcher): ImportCandidate {
  const objectId = requireId(text(o.objectid), 'objectid');
  const open = img.openaccess?.trim() === '1';
  const service = httpUrl(img.iiifurl);
  const dateDisplay = text(o.displaydate);
  return {
    ...emptyCandidate('nga', objectId, text(o.title) ?? text(o.accessionnum) ?? objectId),
    creator: text(o.attribution),
    dateDisplay,
    ...rangeAgreeingWith(dateDisplay, yearRange(text(o.beginyear), text(o.endyear))),
    medium: text(o.medium),
    institution: NGA_INSTITUTION,
    landingUrl: `https://www.nga.gov/collection/art-object-page.${encodeURIComponent(objectId)}.html`,
    rightsStatement: open ? 'NGA Open Access: openaccess = 1 (CC0)' : 'NGA image not open access (openaccess = 0)',
    licence: open ? CC0_URI : null,
    refusal: open ? null : 'Not an open-access image at the National Gallery of Art (openaccess = 0: fair use only).',
    attribution: text(o.creditline) ? `${text(o.creditline)}, ${NGA_INSTITUTION}` : null,
    iiifService: service,
    imageUrl: service ? `${service}/full/!1024,1024/0/default.jpg` : null,
    pixelWidth: pixels(img.width),
    pixelHeight: pixels(img.height),
    image: open ? remoteImage(http, { iiifService: service }) : null,
  };
}
