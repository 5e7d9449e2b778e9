import { HttpError } from '@atelier/common/errors';
import type { ObjectStorage } from '@atelier/common/storage';
import { workCredit } from '@atelier/contracts/credit';
import { textIn, type Lang } from '@atelier/contracts/lang';
import type { LicenceFamily } from '@atelier/contracts/licences';
import {
  SEARCH_PARTS,
  type SearchPart,
  type WorkCheck,
  type WorkDetail,
  type WorkFacets,
  type WorkFilters,
  type WorkLicence,
  type WorkList,
  type WorkSummary,
} from '@atelier/contracts/work.schema';
import { creditWorkOf, isVisible, type CollectionWork, type CollectionWorkLookup, type VisibleWork } from './collection-work';
import { searchWords, type WorkPage, type WorkQuery } from './work-search';

export const WORKS_PATH = '/api/gallery/works';
export const RENDITIONS = ['thumb', 'working'] as const;
export type WorkRendition = (typeof RENDITIONS)[number];

export type { WorkPage } from './work-search';

export interface LicenceCount {
  status: CollectionWork['licenceStatus'];
  family: LicenceFamily | null;
  count: number;
}

/** The read side of the collection the works routes need. */
export interface WorkReader extends CollectionWorkLookup {
  findById(id: string): Promise<CollectionWork | null>;
  /** Accepted works with images only. */
  listVisible(search: WorkQuery): Promise<WorkPage>;
  facets(): Promise<WorkFacets>;
}

export interface WorkImage {
  bytes: Buffer;
  contentType: string;
  etag: string;
}

function licenceOf(w: Pick<VisibleWork, 'licenceUri' | 'licenceFamily' | 'licenceLabel'>): WorkLicence {
  return { uri: w.licenceUri, label: w.licenceLabel ?? w.licenceUri, family: w.licenceFamily };
}

/** A work as the collection answers it, its title and credit line in the language asked for. */
export function toWorkSummary(w: VisibleWork, lang: Lang): WorkSummary {
  const base = `${WORKS_PATH}/${encodeURIComponent(w.id)}/image`;
  return {
    id: w.id,
    title: textIn(w.titles, lang, w.title),
    creator: w.creator,
    date: w.dateDisplay,
    institution: w.institution,
    licence: licenceOf(w),
    credit: workCredit(creditWorkOf(w), lang),
    thumbnailUrl: `${base}/thumb`,
    imageUrl: `${base}/working`,
    width: w.width ?? 0,
    height: w.height ?? 0,
    source: w.source,
    iiif: w.iiifService !== null,
  };
}

export function toWorkDetail(w: VisibleWork, lang: Lang): WorkDetail {
  return {
    ...toWorkSummary(w, lang),
    medium: w.medium,
    description: textIn(w.descriptions, lang, w.description),
    landingUrl: w.landingUrl,
    rightsStatement: w.rightsStatement,
    creatorLife: w.creatorLife,
    sourceId: w.sourceId,
    dateStart: w.dateStart,
    dateEnd: w.dateEnd,
    iiifService: w.iiifService,
    titles: w.titles,
    descriptions: w.descriptions,
    creatorRole: w.creatorRole,
  };
}

/** The search without one of its parts; null when it does not use that part. */
function without(s: WorkQuery, part: SearchPart): WorkQuery | null {
  if (part === 'words') return s.words.length ? { ...s, words: [] } : null;
  if (part === 'institution') return s.institutions?.length ? { ...s, institutions: undefined } : null;
  if (part === 'licence') return s.families?.length ? { ...s, families: undefined } : null;
  if (part === 'years') return s.from !== undefined || s.to !== undefined ? { ...s, from: undefined, to: undefined } : null;
  return s.iiif !== undefined ? { ...s, iiif: undefined } : null;
}

/**
 * Why a search found nothing, so the visitor is told which filter emptied it: the parts that, each left out alone,
 * would find works (one query each, only on an empty first page); every part used when no single one would.
 * Sequential on purpose: the reader may be a single client.
 */
async function emptiedByOf(works: WorkReader, search: WorkQuery): Promise<SearchPart[]> {
  const used = SEARCH_PARTS.flatMap((part) => {
    const s = without(search, part);
    return s ? [{ part, search: { ...s, limit: 1, offset: 0 } }] : [];
  });
  const culprits: SearchPart[] = [];
  for (const u of used) if ((await works.listVisible(u.search)).total > 0) culprits.push(u.part);
  return culprits.length ? culprits : used.map((u) => u.part);
}

const workNotFound = (id: string) => new HttpError(404, 'work_not_found', `No collection work ${JSON.stringify(id)}.`);

/** Facets change only on import; a minute of staleness spares three GROUP BYs per studio visit. */
export const FACETS_TTL_MS = 60_000;

export function createWorkService(deps: {
  works: WorkReader;
  storage: ObjectStorage;
  /** Draws a colouring page from a work's master (repositories/work-images.ts `colouringPagePng`). */
  colouringPage?: (master: Uint8Array) => Promise<Uint8Array>;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  let facets: { at: number; value: Promise<WorkFacets> } | null = null;
  return {
    async list(query: { q?: string; page: number; pageSize: number; lang: Lang } & WorkFilters): Promise<WorkList> {
      const { q, page, pageSize, lang, ...filters } = query;
      const search: WorkQuery = { ...filters, words: searchWords(q ?? ''), limit: pageSize, offset: (page - 1) * pageSize };
      const { works, total, totalIsLowerBound } = await deps.works.listVisible(search);
      const items = works.filter(isVisible).map((w) => toWorkSummary(w, lang));
      const emptiedBy = total === 0 && page === 1 ? await emptiedByOf(deps.works, search) : undefined;
      return { items, total, totalIsLowerBound: totalIsLowerBound ?? false, page, pageSize, ...(emptiedBy ? { emptiedBy } : {}) };
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

    async detail(id: string, lang: Lang): Promise<WorkDetail> {
      const work = await deps.works.findById(id);
      if (!work || !isVisible(work)) throw workNotFound(id);
      return toWorkDetail(work, lang);
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

    /**
     * A printable colouring page of a work (#ColorOurCollections): its outlines, drawn from the stored master by
     * contracts' `lineArt` (`render` decodes and encodes; the studio draws the canvas's page with the same rule).
     */
    async colouringPage(id: string): Promise<WorkImage> {
      const work = await deps.works.findById(id);
      if (!work || !isVisible(work)) throw workNotFound(id);
      const key = work.imageKeys.original ?? work.imageKeys.working;
      if (!key || !(await deps.storage.exists(key))) throw new HttpError(404, 'image_not_found', `The image of ${id} is not stored.`);
      if (!deps.colouringPage) throw new HttpError(404, 'not_available', 'Colouring pages are not drawn here.');
      return { bytes: Buffer.from(await deps.colouringPage(await deps.storage.get(key))), contentType: 'image/png', etag: `"${work.imageSha256}-colouring"` };
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
          return { id, status: 'ok', licence: licenceOf({ licenceUri: w.licenceUri, licenceFamily: w.licenceFamily, licenceLabel: w.licenceLabel }) };
        }),
      };
    },
  };
}

export type WorkService = ReturnType<typeof createWorkService>;
