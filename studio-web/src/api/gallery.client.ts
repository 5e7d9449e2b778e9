import { postJson, postMultipart, query, request } from './http';
import type { WorkRegion } from '../canvas/document/schema';
import type { Creation, Page, PublishPreview, PublishRequest, StaffUser, WorkFacets, WorkFilters, WorkSummary } from './types';

const BASE = '/api/gallery';

export const workImageUrl = (id: string, rendition: 'thumb' | 'working') =>
  `${BASE}/works/${encodeURIComponent(id)}/image/${rendition}`;
/** A detail of a work at most `size` px on its long side, through the gallery (IIIF or a crop of the original). */
export const workRegionUrl = (id: string, r: WorkRegion, size = 1024) =>
  `${BASE}/works/${encodeURIComponent(id)}/region${query({ x: r.x, y: r.y, w: r.w, h: r.h, size })}`;
export const creationImageUrl = (id: string, rendition: 'thumb' | 'working' | 'full') =>
  `${BASE}/creations/${encodeURIComponent(id)}/image/${rendition}`;

function withUrls(w: WorkSummary): WorkSummary {
  return { ...w, thumbnailUrl: w.thumbnailUrl || workImageUrl(w.id, 'thumb'), imageUrl: w.imageUrl || workImageUrl(w.id, 'working') };
}

/** A list endpoint may answer with a bare array or a page; the studio only needs the items. */
function items<T>(body: Page<T> | T[] | { items: T[] }): T[] {
  return Array.isArray(body) ? body : body.items;
}

export const galleryApi = {
  async listWorks(q: string, page = 1, pageSize = 24, filters: WorkFilters = {}): Promise<Page<WorkSummary>> {
    const params = new URLSearchParams({ q: q.trim(), page: String(page), pageSize: String(pageSize) });
    for (const i of filters.institutions ?? []) params.append('institution', i);
    if (filters.families?.length) params.set('licence', filters.families.join(','));
    if (filters.from !== undefined) params.set('from', String(filters.from));
    if (filters.to !== undefined) params.set('to', String(filters.to));
    if (filters.iiif !== undefined) params.set('iiif', String(filters.iiif));
    const body = await request<Page<WorkSummary>>(`${BASE}/works?${params}`);
    return { ...body, items: body.items.map(withUrls) };
  },
  facets: () => request<WorkFacets>(`${BASE}/works/facets`),
  async getWork(id: string): Promise<WorkSummary> {
    return withUrls(await request<WorkSummary>(`${BASE}/works/${encodeURIComponent(id)}`));
  },
  previewPublish: (workIds: string[]) => postJson<PublishPreview>(`${BASE}/creations/preview`, { workIds }),
  publish: (meta: PublishRequest, image: Blob) => postMultipart<Creation>(`${BASE}/creations`, meta, 'image', image, 'creation.png'),
  async listCreations(page = 1): Promise<Creation[]> {
    return items(await request<Page<Creation>>(`${BASE}/creations${query({ page })}`));
  },
  getCreation: (id: string) => request<Creation>(`${BASE}/creations/${encodeURIComponent(id)}`),
  login: (username: string, password: string) => postJson<StaffUser>(`${BASE}/auth/login`, { username, password }),
  logout: () => postJson<void>(`${BASE}/auth/logout`, {}),
  me: () => request<StaffUser>(`${BASE}/auth/me`),
  async moderationQueue(): Promise<Creation[]> {
    return items(await request<Page<Creation> | Creation[]>(`${BASE}/moderation/queue`));
  },
  decide: (id: string, decision: 'approve' | 'reject', reason?: string) =>
    postJson<unknown>(`${BASE}/moderation/creations/${encodeURIComponent(id)}/decision`, reason ? { decision, reason } : { decision }),
};
