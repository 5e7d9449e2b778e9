import { notFound } from '@atelier/common/errors';
import { isUuid, isVisibleTo, type CreationRecord, type Rendition, type Viewer } from './creation';

/** `flagged-first`: the moderation queue, creations flagged by the safety screen first, then oldest first. */
export type CreationOrder = 'newest' | 'oldest' | 'flagged-first';

export interface CreationReader {
  findById(id: string): Promise<CreationRecord | null>;
  listByStatus(
    status: CreationRecord['status'],
    order: CreationOrder,
    limit: number,
    offset: number,
  ): Promise<{ items: CreationRecord[]; total: number }>;
}

export interface ImageReader {
  read(key: string): Promise<Buffer>;
}

export interface CreationPage {
  items: CreationRecord[];
  total: number;
  page: number;
  pageSize: number;
}

export const GALLERY_PAGE_SIZE = 24;
const CONTENT_TYPES: Record<Rendition, string> = { thumb: 'image/webp', working: 'image/webp', full: 'image/png' };

/** The public (and staff) read side of creations: one visibility rule for every read. */
export class CreationService {
  constructor(
    private readonly creations: CreationReader,
    private readonly images: ImageReader,
  ) {}

  async listApproved(page: number): Promise<CreationPage> {
    const { items, total } = await this.creations.listByStatus('approved', 'newest', GALLERY_PAGE_SIZE, (page - 1) * GALLERY_PAGE_SIZE);
    return { items, total, page, pageSize: GALLERY_PAGE_SIZE };
  }

  /** 404 for unknown ids and for creations the viewer may not see, so pending work does not leak its existence. */
  async get(id: string, viewer: Viewer): Promise<CreationRecord> {
    const creation = isUuid(id) ? await this.creations.findById(id) : null;
    if (!creation || !isVisibleTo(creation, viewer)) throw notFound('creation_not_found', 'No such creation.');
    return creation;
  }

  async image(id: string, rendition: Rendition, viewer: Viewer): Promise<{ bytes: Buffer; contentType: string; creation: CreationRecord }> {
    const creation = await this.get(id, viewer);
    const bytes = await this.images.read(creation.imageKeys[rendition]);
    return { bytes, contentType: CONTENT_TYPES[rendition], creation };
  }
}
