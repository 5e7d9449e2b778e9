import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { canvasWorks, collectionMembers, isCollection, presentationVersion, type IiifCanvasWork } from './iiif-manifest';
import { emptyCandidate, iiifFullSize, remoteImage, type HarvestOptions, type SourceImporter } from './remote-source';
import { describeValue, isObject, UnexpectedAnswerError } from './source-records';

/** Collections nest; a cycle or a deep tree must not run away. */
const MAX_COLLECTION_DEPTH = 4;

/**
 * Any IIIF Presentation 2 or 3 manifest or collection URL (`--base-url`). The licence must be in the manifest
 * (`rights` / `license`): many museum manifests carry none, and those works are refused as "missing".
 */
export const iiifImporter: SourceImporter = {
  source: 'iiif',
  label: 'IIIF manifest or collection',
  defaultBaseUrl: '',
  rate: { perSecond: 2, note: 'per host, unknown; two requests a second' },
  incremental: false,
  // Manifests name image servers anywhere: the operator lists the ones details may be fetched from.
  imageHosts: [],
  async *harvest(http, opts) {
    if (!opts.baseUrl) throw new Error('iiif needs --base-url <manifest or collection URL>');
    yield* walk(http, opts.baseUrl, opts, 0, new Set());
  },
};

async function* walk(http: HttpFetcher, url: string, opts: HarvestOptions, depth: number, seen: Set<string>): AsyncIterable<ImportCandidate> {
  if (seen.has(url) || depth > MAX_COLLECTION_DEPTH) return;
  seen.add(url);
  let doc: unknown;
  try {
    doc = await http.json<unknown>(url, { accept: 'application/ld+json, application/json' });
  } catch (err) {
    if (depth === 0) throw err;
    opts.report?.(url, (err as Error).message);
    return;
  }
  if (!isObject(doc) || (!isCollection(doc) && !presentationVersion(doc))) {
    const problem = `expected a IIIF Presentation 2 or 3 manifest or collection, got ${describeValue(doc)}`;
    // The URL the operator gave must be one; a member of a collection that is not fails alone.
    if (depth === 0) throw new UnexpectedAnswerError(`${url}: ${problem}`);
    opts.report?.(url, problem);
    return;
  }
  if (isCollection(doc)) {
    const { manifests, collections } = collectionMembers(doc);
    for (const m of manifests) yield* walk(http, m, opts, depth + 1, seen);
    for (const c of collections) yield* walk(http, c, opts, depth + 1, seen);
    return;
  }
  let works: IiifCanvasWork[];
  try {
    works = canvasWorks(doc, (canvas, reason) => opts.report?.(canvas, reason));
  } catch (err) {
    opts.report?.(url, `unreadable manifest (${(err as Error).message})`);
    return;
  }
  // The URL the manifest was read from, not its `id`: ids inside manifests can be junk, the URL demonstrably works.
  for (const w of works) yield iiifCandidate(w, http, url);
}

export function iiifCandidate(w: IiifCanvasWork, http: HttpFetcher, manifestUrl: string | null = null): ImportCandidate {
  // The canvas already speaks in the candidate's fields; only its identity and pixel size are named otherwise.
  const { manifestId: _manifest, canvasId, canvasIndex: _index, title, width, height, canvasWidth, canvasHeight, ...fields } = w;
  const image = remoteImage(http, { iiifService: w.iiifService, imageUrl: w.imageUrl, region: w.iiifRegion });
  const service = w.iiifService;
  return {
    ...emptyCandidate('iiif', canvasId, title),
    ...fields,
    pixelWidth: width,
    pixelHeight: height,
    iiifManifest: manifestUrl,
    image:
      image && service
        ? {
            ...image,
            // Canvas units are not the image's pixels: the service's info.json first, the canvas only as a last resort.
            fullSize: async () =>
              (await iiifFullSize(http, service)) ?? (canvasWidth && canvasHeight ? { width: canvasWidth, height: canvasHeight } : null),
          }
        : image,
  };
}
