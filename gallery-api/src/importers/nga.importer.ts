import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { csvRecords } from './csv';
import { CC0_URI, emptyCandidate, joinUrl, pixels, remoteImage, text, yearRange, type SourceImporter } from './remote-source';

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
  async *harvest(http, opts) {
    const images = csvRecords(await http.text(joinUrl(opts.baseUrl, 'published_images.csv'), { maxBytes: MAX_CSV_BYTES }));
    const primary = new Map<string, Record<string, string>>();
    for (const img of images) {
      const id = img.depictstmsobjectid?.trim();
      if (!id || img.viewtype?.trim() !== 'primary') continue;
      // Several primaries happen (re-photography): the lowest sequence is the one the NGA shows first.
      const seen = primary.get(id);
      if (!seen || Number(img.sequence) < Number(seen.sequence)) primary.set(id, img);
    }
    const objects = csvRecords(await http.text(joinUrl(opts.baseUrl, 'objects.csv'), { maxBytes: MAX_CSV_BYTES }));
    const words = (opts.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    for (const object of objects) {
      const image = primary.get(object.objectid?.trim() ?? '');
      if (!image) continue;
      if (words.length && !words.every((w) => `${object.title} ${object.attribution}`.toLowerCase().includes(w))) continue;
      yield ngaCandidate(object, image, http);
    }
  },
};

export function ngaCandidate(o: Record<string, string>, img: Record<string, string>, http: HttpFetcher): ImportCandidate {
  const objectId = (o.objectid ?? '').trim();
  const open = img.openaccess?.trim() === '1';
  const service = text(img.iiifurl);
  return {
    ...emptyCandidate('nga', objectId, text(o.title) ?? text(o.accessionnum) ?? objectId),
    creator: text(o.attribution),
    dateDisplay: text(o.displaydate),
    ...yearRange(text(o.beginyear), text(o.endyear)),
    medium: text(o.medium),
    institution: NGA_INSTITUTION,
    landingUrl: `https://www.nga.gov/collection/art-object-page.${encodeURIComponent(objectId)}.html`,
    rightsStatement: open ? 'NGA Open Access: openaccess = 1 (CC0)' : 'NGA image not open access (openaccess = 0)',
    licence: open ? CC0_URI : null,
    attribution: text(o.creditline) ? `${text(o.creditline)}, ${NGA_INSTITUTION}` : null,
    iiifService: service,
    imageUrl: service ? `${service}/full/!1024,1024/0/default.jpg` : null,
    pixelWidth: pixels(img.width),
    pixelHeight: pixels(img.height),
    image: open ? remoteImage(http, { iiifService: service }) : null,
  };
}
