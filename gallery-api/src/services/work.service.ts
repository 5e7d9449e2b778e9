import { HttpError } from '@atelier/common/errors';
import type { LicenceFamily } from '@atelier/contracts/licences';
import type { ObjectStorage } from '@atelier/common/storage';
import type { CollectionWork, CollectionWorkLookup } from './collection-work';
import { searchWords, type WorkFacets, type WorkFilters, type WorkSearch } from './work-search';

export const WORKS_PATH = '/api/gallery/works';
export const RENDITIONS = ['thumb', 'working'] as const;
export type WorkRendition = (typeof RENDITIONS)[number];

export interface WorkPage {
  works: CollectionWork[];
  total: number;
  /** True when more works match than were counted (`total` is then a lower bound). */
  totalIsLowerBound?: boolean;
}

export interface LicenceCount {
  status: CollectionWork['licenceStatus'];
  family: LicenceFamily | null;
  count: number;
}

/** The read side of the collection the works routes need. */
export interface WorkReader extends CollectionWorkLookup {
  findById(id: string): Promise<CollectionWork | null>;
  /** Accepted works with images only. */
  listVisible(search: WorkSearch): Promise<WorkPage>;
  facets(): Promise<WorkFacets>;
}

export interface WorkLicence {
  uri: string;
  label: string;
  family: LicenceFamily;
}

export interface WorkSummary {
  id: string;
  title: string;
  creator: string | null;
  date: string | null;
  institution: string | null;
  licence: WorkLicence;
  credit: string;
  thumbnailUrl: string;
  imageUrl: string;
  width: number;
  height: number;
  /** Where the work comes from (`met`, `aic`, `local`, …): the source badge beside the licence badge. */
  source: string;
  /** True when the work has an IIIF image service, so a detail can be fetched at full resolution. */
  iiif: boolean;
}

export interface WorkDetail extends WorkSummary {
  medium: string | null;
  description: string | null;
  landingUrl: string | null;
  rightsStatement: string | null;
  creatorLife: string | null;
  sourceId: string;
  dateStart: number | null;
  dateEnd: number | null;
  iiifService: string | null;
}

export type WorkCheck =
  | { id: string; status: 'ok'; licence: WorkLicence }
  | { id: string; status: 'unknown' }
  | { id: string; status: 'refused'; reason: string };

export interface WorkImage {
  bytes: Buffer;
  contentType: string;
  etag: string;
}

/** A work the public may see: an accepted licence and stored renditions. */
export function isVisible(w: CollectionWork): w is CollectionWork & { licenceUri: string; licenceFamily: LicenceFamily } {
  return w.licenceStatus === 'accepted' && w.imageSha256 !== null && w.licenceUri !== null && w.licenceFamily !== null;
}

function licenceOf(w: CollectionWork & { licenceUri: string; licenceFamily: LicenceFamily }): WorkLicence {
  return { uri: w.licenceUri, label: w.licenceLabel ?? w.licenceUri, family: w.licenceFamily };
}

export function toWorkSummary(w: CollectionWork & { licenceUri: string; licenceFamily: LicenceFamily }): WorkSummary {
  const base = `${WORKS_PATH}/${encodeURIComponent(w.id)}/image`;
  return {
    id: w.id,
    title: w.title,
    creator: w.creator,
    date: w.dateDisplay,
    institution: w.institution,
    licence: licenceOf(w),
    credit: w.credit ?? `“${w.title}” — ${w.licenceLabel ?? w.licenceUri}`,
    thumbnailUrl: `${base}/thumb`,
    imageUrl: `${base}/working`,
    width: w.width ?? 0,
    height: w.height ?? 0,
    source: w.source,
    iiif: w.iiifService !== null,
  };
}

export function toWorkDetail(w: CollectionWork & { licenceUri: string; licenceFamily: LicenceFamily }): WorkDetail {
  return {
    ...toWorkSummary(w),
    medium: w.medium,
    description: w.description,
    landingUrl: w.landingUrl,
    rightsStatement: w.rightsStatement,
    creatorLife: w.creatorLife,
    sourceId: w.sourceId,
    dateStart: w.dateStart,
    dateEnd: w.dateEnd,
    iiifService: w.iiifService,
  };
}

const workNotFound = (id: string) => new HttpError(404, 'work_not_found', `No collection work ${JSON.stringify(id)}.`);

/** Facets change only on import; a minute of staleness spares three GROUP BYs per studio visit. */
export const FACETS_TTL_MS = 60_000;

export function createWorkService(deps: { works: WorkReader; storage: ObjectStorage; now?: () => number }) {
  const now = deps.now ?? Date.now;
  let facets: { at: number; value: Promise<WorkFacets> } | null = null;
  return {
    async list(query: { q?: string; page: number; pageSize: number } & WorkFilters) {
      const { q, page, pageSize, ...filters } = query;
      const { works, total, totalIsLowerBound } = await deps.works.listVisible({
        ...filters,
        words: searchWords(q ?? ''),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: works.filter(isVisible).map(toWorkSummary), total, totalIsLowerBound: totalIsLowerBound ?? false, page, pageSize };
    },

    facets(): Promise<WorkFacets> {
      if (!facets || now() - facets.at > FACETS_TTL_MS) {
        const value = deps.works.facets();
        facets = { at: now(), value };
        // A failed query must not be cached.
        value.catch(() => {
          if (facets?.value === value) facets = null;
        });
      }
      return facets.value;
    },

    async detail(id: string): Promise<WorkDetail> {
      const work = await deps.works.findById(id);
      if (!work || !isVisible(work)) throw workNotFound(id);
      return toWorkDetail(work);
    },

    async image(id: string, rendition: string): Promise<WorkImage> {
      if (!(RENDITIONS as readonly string[]).includes(rendition))
        throw new HttpError(404, 'rendition_not_found', `Unknown rendition ${JSON.stringify(rendition)}; use ${RENDITIONS.join(' or ')}.`);
      const work = await deps.works.findById(id);
      if (!work || !isVisible(work)) throw workNotFound(id);
      const key = work.imageKeys[rendition as WorkRendition];
      if (!key || !(await deps.storage.exists(key)))
        throw new HttpError(404, 'image_not_found', `The ${rendition} image of ${id} is not stored.`);
      return { bytes: await deps.storage.get(key), contentType: 'image/webp', etag: `"${work.imageSha256}-${rendition}"` };
    },

    /** For inference-service: may these works be remixed? Answers in request order, once per id. */
    async check(ids: string[]): Promise<{ works: WorkCheck[] }> {
      const unique = [...new Set(ids)];
      const found = new Map((await deps.works.findByIds(unique)).map((w) => [w.id, w]));
      return {
        works: unique.map((id): WorkCheck => {
          const w = found.get(id);
          if (!w) return { id, status: 'unknown' };
          if (w.licenceStatus === 'refused' || !w.licenceUri || !w.licenceFamily)
            return { id, status: 'refused', reason: w.refusalReason ?? 'The licence of this work does not allow remixing.' };
          return { id, status: 'ok', licence: licenceOf({ ...w, licenceUri: w.licenceUri, licenceFamily: w.licenceFamily }) };
        }),
      };
    },
  };
}

export type WorkService = ReturnType<typeof createWorkService>;
