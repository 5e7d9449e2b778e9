import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { displayDateRange } from '@atelier/contracts/display-date';
import { emptyCandidate, httpUrl, pixels, remoteImage, text, type HarvestOptions } from './remote-source';
import { countIn, isObject, readRecord, recordName, recordsAt, requireId, type Json } from './source-records';

/**
 * The Rijksmuseum's older Collection API (collections.md §3b, deprecated, key required):
 * `GET {base}/collection?key=&q=&imgonly=True&ps=&p=` → `{ count, artObjects: [...] }`, `{base}` naming the
 * language (`https://www.rijksmuseum.nl/api/nl`). It states no licence: by the museum's policy then, an image it
 * lets one download (`permitDownload`) and names no copyright holder for is in the public domain (PDM, §10.1).
 */

const PDM = 'https://creativecommons.org/publicdomain/mark/1.0/';
const PAGE_SIZE = 100;
/** The API pages no further than p × ps = 10,000. */
const WINDOW = 10_000;

/** `https://www.rijksmuseum.nl/api/nl` (or a mirror of it: a base whose path ends in `/api/{en|nl}`). */
export function legacyCulture(baseUrl: string): 'en' | 'nl' | null {
  const m = new URL(baseUrl).pathname.replace(/\/+$/, '').match(/\/api\/(en|nl)$/);
  return m ? (m[1] as 'en' | 'nl') : null;
}

/**
 * Pages of `artObjects` from `pageUrl(p)` until a short page, the stated count or the window; each object mapped
 * on its own, so one broken object fails alone.
 */
export async function* legacyHarvest(
  http: HttpFetcher,
  pageUrl: (page: number, size: number) => string,
  culture: 'en' | 'nl',
  opts: HarvestOptions,
  first?: unknown,
): AsyncIterable<ImportCandidate> {
  let position = 0;
  for (let p = 1; (p - 1) * PAGE_SIZE < WINDOW; p++) {
    const body = p === 1 && first !== undefined ? first : await http.json<unknown>(pageUrl(p, PAGE_SIZE));
    const objects = recordsAt(body, 'artObjects', 'Rijksmuseum Collection API answer', (b) => countIn(b.count) === 0);
    for (const o of objects) {
      const candidate = readRecord(o, recordName(o, ['objectNumber', 'id'], `Rijksmuseum result ${++position}`), (r) => legacyCandidate(r, culture, http), opts);
      if (candidate) yield candidate;
    }
    const count = countIn((body as Json).count);
    if (objects.length < PAGE_SIZE || (count !== undefined && p * PAGE_SIZE >= count)) return;
  }
}

/** One `artObjects[]` entry. */
export function legacyCandidate(o: Json, culture: 'en' | 'nl', http: HttpFetcher): ImportCandidate {
  const objectNumber = requireId(text(o.objectNumber), 'objectNumber');
  const title = text(o.title) ?? objectNumber;
  const web = isObject(o.webImage) ? o.webImage : null;
  const imageUrl = httpUrl(web?.url);
  const holder = text(o.copyrightHolder);
  const open = o.permitDownload === true && !holder;
  const maker = text(o.principalOrFirstMaker);
  const date = dateOf(text(o.longTitle), title, maker);
  const links = isObject(o.links) ? o.links : {};
  return {
    ...emptyCandidate('rijksmuseum', objectNumber, title),
    titles: { [culture]: title },
    creator: maker,
    dateDisplay: date,
    ...displayDateRange(date),
    institution: 'Rijksmuseum',
    landingUrl: httpUrl(links.web),
    rightsStatement: open ? 'permitDownload: true, no copyright holder (public domain by the Rijksmuseum’s policy)' : holder ? `© ${holder}` : 'permitDownload: false',
    licence: open ? PDM : null,
    refusal: open
      ? null
      : holder
        ? `In copyright: the Rijksmuseum names ${holder} as the copyright holder.`
        : 'The Rijksmuseum does not let this image be downloaded (permitDownload: false).',
    imageUrl: open ? imageUrl : null,
    pixelWidth: pixels(web?.width),
    pixelHeight: pixels(web?.height),
    image: open ? remoteImage(http, { imageUrl }) : null,
  };
}

/** `longTitle` is "{title}, {maker}, {date}": the date is what follows the maker, when it names a year. */
function dateOf(longTitle: string | null, title: string, maker: string | null): string | null {
  if (!longTitle) return null;
  let rest = longTitle.startsWith(title) ? longTitle.slice(title.length) : longTitle;
  if (maker && rest.includes(maker)) rest = rest.slice(rest.indexOf(maker) + maker.length);
  const tail = text(rest.replace(/^[\s,]+/, ''));
  return tail && /\d{3,4}|eeuw|century/i.test(tail) ? tail : null;
}
