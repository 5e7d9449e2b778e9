import { HttpFetcher, type HttpFetcherOptions } from '../repositories/http-fetcher';
import { TokenBucket } from '../repositories/rate-limiter';
import { aicImporter } from './aic.importer';
import { clevelandImporter } from './cleveland.importer';
import { europeanaImporter } from './europeana.importer';
import { iiifImporter } from './iiif.importer';
import { metImporter } from './met.importer';
import type { SourceImporter } from './remote-source';
import { ngaImporter } from './nga.importer';
import { rijksmuseumImporter } from './rijksmuseum.importer';
import { smithsonianImporter } from './smithsonian.importer';
import { smkImporter } from './smk.importer';

export const IMPORTERS: SourceImporter[] = [
  metImporter, aicImporter, clevelandImporter, europeanaImporter, smkImporter, smithsonianImporter, ngaImporter, rijksmuseumImporter, iiifImporter,
];

/** Each source's IIIF image hosts: the hosts `GET /works/:id/region` may fetch its works' details from. */
export const IMAGE_HOSTS: Record<string, string[]> = Object.fromEntries(IMPORTERS.map((i) => [i.source, i.imageHosts]));

const ALIASES: Record<string, string> = { cleveland: 'cma', metmuseum: 'met', artic: 'aic', 'iiif-manifest': 'iiif', smithsonian: 'si', 'national-gallery': 'nga', rijks: 'rijksmuseum' };

export function findImporter(name: string): SourceImporter | undefined {
  const key = ALIASES[name.toLowerCase()] ?? name.toLowerCase();
  return IMPORTERS.find((i) => i.source === key);
}

/** One fetcher per source run: its own token bucket at the rate the source documents. */
export function fetcherFor(importer: SourceImporter, overrides: HttpFetcherOptions = {}): HttpFetcher {
  return new HttpFetcher({
    limiter: new TokenBucket(importer.rate.perSecond, importer.rate.burst ?? 1),
    ...overrides,
  });
}
