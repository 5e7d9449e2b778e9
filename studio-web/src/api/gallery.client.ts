import type { WorkRegion } from '@atelier/contracts/canvas.schema';
import type {
  Creation, CreationDetail, CreationList, Decision, DecisionRequest, ModerationQueue, ModerationQueueItem, MyCreationList, PublishPreview,
  PublishPreviewRequest, PublishRequestInput, VerifyResult,
} from '@atelier/contracts/creation.schema';
import type { Draft, DraftOpenRequest, DraftSaved, DraftSaveRequest, RemixStart } from '@atelier/contracts/draft.schema';
import type { Lang } from '@atelier/contracts/lang';
import type { StaffUser } from '@atelier/contracts/staff.schema';
import type { Pseudonym } from '@atelier/contracts/workshop.schema';
import type { WorkDetail, WorkFacets, WorkFilters, WorkList, WorkSummary } from '@atelier/contracts/work.schema';
import { postJson, postMultipart, query, request } from './http';

const BASE = '/api/gallery';

export const workImageUrl = (id: string, rendition: 'thumb' | 'working') =>
  `${BASE}/works/${encodeURIComponent(id)}/image/${rendition}`;
/** A detail of a work at most `size` px on its long side, through the gallery (IIIF or a crop of the original). */
export const workRegionUrl = (id: string, r: WorkRegion, size = 1024) =>
  `${BASE}/works/${encodeURIComponent(id)}/region${query({ x: r.x, y: r.y, w: r.w, h: r.h, size })}`;

/** The image a work layer shows: one of its details, else the work's working rendition. */
export const workLayerImageUrl = (layer: { workId: string; region?: WorkRegion | undefined }, work?: Pick<WorkSummary, 'imageUrl'>) =>
  layer.region ? workRegionUrl(layer.workId, layer.region) : (work?.imageUrl ?? workImageUrl(layer.workId, 'working'));

/** Every call that answers with credit text takes the visitor's language: the gallery writes credits in it. */
export const galleryApi = {
  listWorks(q: string, lang: Lang, page = 1, pageSize = 24, filters: WorkFilters = {}): Promise<WorkList> {
    const params = new URLSearchParams({ q: q.trim(), page: String(page), pageSize: String(pageSize), lang });
    for (const i of filters.institutions ?? []) params.append('institution', i);
    if (filters.families?.length) params.set('licence', filters.families.join(','));
    if (filters.from !== undefined) params.set('from', String(filters.from));
    if (filters.to !== undefined) params.set('to', String(filters.to));
    if (filters.iiif !== undefined) params.set('iiif', String(filters.iiif));
    return request<WorkList>(`${BASE}/works?${params}`);
  },
  facets: () => request<WorkFacets>(`${BASE}/works/facets`),
  getWork: (id: string, lang: Lang) => request<WorkDetail>(`${BASE}/works/${encodeURIComponent(id)}${query({ lang })}`),
  previewPublish: (workIds: string[], lang: Lang) =>
    postJson<PublishPreview>(`${BASE}/creations/preview`, { workIds, lang } satisfies PublishPreviewRequest),
  publish: (meta: PublishRequestInput, image: Blob) => postMultipart<Creation>(`${BASE}/creations`, meta, 'image', image, 'creation.png'),
  /** One page of the public gallery (24 a page, with the total). */
  /** The pseudonym this visitor session publishes under (NL and EN); the session is made here if it has none. */
  maker: () => request<Pseudonym>(`${BASE}/creations/maker`),
  listCreations: (lang: Lang, page = 1) => request<CreationList>(`${BASE}/creations${query({ page, lang })}`),
  /** This visitor session's own creations, in every status, with a rejection's reason. */
  myCreations: (lang: Lang, page = 1) => request<MyCreationList>(`${BASE}/creations/mine${query({ page, lang })}`),
  saveDraft: (draft: DraftSaveRequest) => postJson<DraftSaved>(`${BASE}/drafts`, draft),
  /** "Remix this": the creation's works as a draft (the studio opens its resume path) and its style recipe. */
  remixCreation: (id: string) => postJson<RemixStart>(`${BASE}/creations/${encodeURIComponent(id)}/remix`, {}),
  /** The code goes in the body: it appears in no URL and no request log. */
  openDraft: (code: string) => postJson<Draft>(`${BASE}/drafts/open`, { code } satisfies DraftOpenRequest),
  /** What an image's content credentials say (nothing of it is kept). */
  verify(image: Blob): Promise<VerifyResult> {
    const form = new FormData();
    form.append('image', image, 'image');
    return request<VerifyResult>(`${BASE}/verify`, { method: 'POST', body: form });
  },
  getCreation: (id: string, lang: Lang) => request<CreationDetail>(`${BASE}/creations/${encodeURIComponent(id)}${query({ lang })}`),
  login: (username: string, password: string) => postJson<StaffUser>(`${BASE}/auth/login`, { username, password }),
  logout: () => postJson<void>(`${BASE}/auth/logout`, {}),
  me: () => request<StaffUser>(`${BASE}/auth/me`),
  async moderationQueue(lang: Lang): Promise<ModerationQueueItem[]> {
    return (await request<ModerationQueue>(`${BASE}/moderation/queue${query({ lang })}`)).items;
  },
  decide: (id: string, decision: Decision, reason?: string) =>
    postJson<unknown>(
      `${BASE}/moderation/creations/${encodeURIComponent(id)}/decision`,
      (reason ? { decision, reason } : { decision }) satisfies DecisionRequest,
    ),
};
