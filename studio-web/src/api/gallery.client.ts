import { postJson, postMultipart, query, request } from './http';
import type { Creation, Page, PublishPreview, PublishRequest, StaffUser, WorkSummary } from './types';

const BASE = '/api/gallery';

export const workImageUrl = (id: string, rendition: 'thumb' | 'working') =>
  `${BASE}/works/${encodeURIComponent(id)}/image/${rendition}`;
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
  async listWorks(q: string, page = 1, pageSize = 24): Promise<Page<WorkSummary>> {
    const body = await request<Page<WorkSummary>>(`${BASE}/works${query({ q: q.trim(), page, pageSize })}`);
    return { ...body, items: body.items.map(withUrls) };
  },
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
