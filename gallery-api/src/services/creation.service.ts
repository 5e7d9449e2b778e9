import { notFound } from '@atelier/common/errors';
import type { CreationDetail, CreationStatus, MyCreationList } from '@atelier/contracts/creation.schema';
import type { Lang } from '@atelier/contracts/lang';
import type { CanvasDocument } from '@atelier/contracts/canvas.schema';
import type { Page } from '@atelier/contracts/work.schema';
import { isUuid, isVisibleTo, type CreationRecord, type CreationSummaryRecord, type Rendition, type Viewer } from './creation';
import type { CreationView } from './creation.view';
import { createCardPages, type CardPages } from './creation-cards';
import { buildCreationManifest, buildGalleryCollection, type IiifOptions, type IiifResource } from './iiif-presentation';

/** `flagged-first`: the moderation queue, creations flagged by the safety screen first, then oldest first. */
export type CreationOrder = 'newest' | 'oldest' | 'flagged-first';

export interface CreationReader {
  findById(id: string): Promise<CreationRecord | null>;
  /** The canvas document as published (migrated to the current version); kept apart from the record. */
  documentOf(id: string): Promise<CanvasDocument | null>;
  listByStatus(status: CreationStatus, order: CreationOrder, limit: number, offset: number): Promise<{ items: CreationRecord[]; total: number }>;
  /** Newest first, as cards: what a list page shows and no more (issue 16 item 7). */
  listSummaries(status: CreationStatus, limit: number, offset: number): Promise<{ items: CreationSummaryRecord[]; total: number }>;
}

/** A visitor's own creation, with the moderator's reason when it was rejected. */
export interface VisitorCreation {
  creation: CreationRecord;
  rejectionReason: string | null;
}

/** "My creations": what one visitor session published, in every status, newest first. */
export interface VisitorCreationReader {
  listOfVisitor(visitorKey: string, limit: number, offset: number): Promise<{ items: VisitorCreation[]; total: number }>;
}

export interface ImageReader {
  read(key: string): Promise<Buffer>;
}

/** One page of the creations in a status, in an order, each made into what the caller answers. */
export async function pageOfCreations<T>(
  reader: CreationReader,
  query: { status: CreationStatus; order: CreationOrder; page: number; pageSize: number },
  toItem: (c: CreationRecord) => T,
): Promise<Page<T>> {
  const { items, total } = await reader.listByStatus(query.status, query.order, query.pageSize, (query.page - 1) * query.pageSize);
  return { items: items.map(toItem), total, page: query.page, pageSize: query.pageSize };
}

export const GALLERY_PAGE_SIZE = 24;
export const MY_CREATIONS_PAGE_SIZE = 24;
/** The newest approved creations listed in the gallery's IIIF Collection. */
export const IIIF_COLLECTION_MAX = 1000;
/** Nobody in particular: sees approved creations only (IIIF, for viewers anywhere). */
const PUBLIC_VIEWER: Viewer = { staff: false, visitorKey: null };
const CONTENT_TYPES: Record<Rendition, string> = { thumb: 'image/webp', working: 'image/webp', full: 'image/png' };

/** The public (and staff) read side of creations: one visibility rule for every read. */
export class CreationService {
  private readonly cardPages: CardPages;

  constructor(
    private readonly creations: CreationReader & VisitorCreationReader,
    private readonly images: ImageReader,
    private readonly view: CreationView,
    /** The keyed hash a creation keeps of its visitor session (the publisher's `visitorKey`). */
    private readonly visitorKey: (sessionId: string) => string,
  ) {
    this.cardPages = createCardPages(view);
  }

  /**
   * "My creations": those published under the session `sessionId` (the request's own; null, a request without one,
   * has none). A creation keeps only a keyed hash of its session, so this is the one way to find them.
   */
  async listOfVisitor(sessionId: string | null, page: number, lang: Lang): Promise<MyCreationList> {
    const pageSize = MY_CREATIONS_PAGE_SIZE;
    if (!sessionId) return { items: [], total: 0, page, pageSize };
    const { items, total } = await this.creations.listOfVisitor(this.visitorKey(sessionId), pageSize, (page - 1) * pageSize);
    return {
      items: items.map(({ creation, rejectionReason }) => ({
        ...this.view.creation(creation, lang),
        rejectionReason: creation.status === 'rejected' ? rejectionReason : null,
      })),
      total,
      page,
      pageSize,
    };
  }

  /** The gallery's page as JSON text (contracts' `CreationList`): its hottest answer, written from kept cards (creation-cards.ts). */
  async listApprovedJson(page: number, lang: Lang): Promise<string> {
    const pageSize = GALLERY_PAGE_SIZE;
    const { items, total } = await this.creations.listSummaries('approved', pageSize, (page - 1) * pageSize);
    return this.cardPages({ items, total, page, pageSize }, lang);
  }

  /** The viewer of a request: staff or not, and the request's own visitor session (never minted for a read). */
  viewer(staff: boolean, sessionId: string | null | undefined): Viewer {
    return { staff, visitorKey: sessionId ? this.visitorKey(sessionId) : null };
  }

  /** 404 for unknown ids and for creations the viewer may not see, so pending work does not leak its existence. */
  async find(id: string, viewer: Viewer): Promise<CreationRecord> {
    const creation = isUuid(id) ? await this.creations.findById(id) : null;
    if (!creation || !isVisibleTo(creation, viewer)) throw notFound('creation_not_found', 'No such creation.');
    return creation;
  }

  async detail(id: string, viewer: Viewer, lang: Lang, baseUrl: string): Promise<CreationDetail> {
    return this.view.detail(await this.find(id, viewer), lang, baseUrl);
  }

  /** IIIF Presentation 3 manifest of an approved creation; any other status is 404 to everyone, staff included. */
  async manifest(id: string, opts: IiifOptions): Promise<IiifResource> {
    return buildCreationManifest(await this.find(id, PUBLIC_VIEWER), opts);
  }

  /** The public gallery as an IIIF Collection: its newest approved creations (at most IIIF_COLLECTION_MAX). */
  async galleryCollection(opts: IiifOptions): Promise<IiifResource> {
    const { items } = await this.creations.listByStatus('approved', 'newest', IIIF_COLLECTION_MAX, 0);
    return buildGalleryCollection(items, opts);
  }

  async image(id: string, rendition: Rendition, viewer: Viewer): Promise<{ bytes: Buffer; contentType: string; creation: CreationRecord }> {
    const creation = await this.find(id, viewer);
    const bytes = await this.images.read(creation.imageKeys[rendition]);
    return { bytes, contentType: CONTENT_TYPES[rendition], creation };
  }
}
