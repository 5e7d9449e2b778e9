import type {
  Exhibition, ExhibitionInput, ExhibitionList, KioskManifest, Memento, MementoLink, PublicExhibition, PublicExhibitionList, Withdrawal,
} from '@atelier/contracts/exhibition.schema';
import type { Lang } from '@atelier/contracts/lang';
import type { JuryItem, OpenCall, OpenCallInput, OpenCallPage, OpenCallPhase, OpenCallScore } from '@atelier/contracts/open-call.schema';
import { ApiError, postJson, query, request } from './http';

const BASE = '/api/gallery';
const ex = (id: string) => `${BASE}/exhibitions/${encodeURIComponent(id)}`;

/** Exhibitions, kiosks, withdrawals and mementos (gallery-api routes/exhibitions). */
export const exhibitionApi = {
  onView: (lang: Lang) => request<PublicExhibitionList>(`${BASE}/exhibitions${query({ lang })}`),
  publicPage: (id: string, lang: Lang, page = 1) => request<PublicExhibition>(`${ex(id)}${query({ lang, page })}`),
  kioskEventsUrl: (id: string) => `${ex(id)}/kiosk/events`,
  kiosk: (id: string) => request<KioskManifest>(`${ex(id)}/kiosk`),
  list: () => request<ExhibitionList>(`${BASE}/exhibitions/manage`),
  get: (id: string) => request<Exhibition>(`${BASE}/exhibitions/manage/${encodeURIComponent(id)}`),
  create: (body: ExhibitionInput) => postJson<Exhibition>(`${BASE}/exhibitions`, body),
  update: (id: string, body: ExhibitionInput) =>
    request<Exhibition>(ex(id), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  withdraw: (creationId: string, reason: string) => postJson<Withdrawal>(`${BASE}/creations/${encodeURIComponent(creationId)}/withdrawal`, { reason }),
  /** Right after publishing, by the publishing session: a private link, shown once. */
  memento: (creationId: string) => postJson<MementoLink>(`${BASE}/creations/${encodeURIComponent(creationId)}/memento`, {}),
  openMemento: (token: string, lang: Lang) => postJson<Memento>(`${BASE}/mementos/open`, { token, lang }),
  /** The memento's image as a Blob (the token stays in the body, out of every URL). */
  async mementoImage(token: string): Promise<Blob> {
    let res: Response;
    try {
      res = await fetch(`${BASE}/mementos/image`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    } catch (err) {
      throw new ApiError(0, 'network', err instanceof Error ? err.message : 'Network error');
    }
    if (!res.ok) throw new ApiError(res.status, `http_${res.status}`, res.statusText);
    return res.blob();
  },
};

const call = (id: string) => `${BASE}/open-calls/${encodeURIComponent(id)}`;
const putJson = <T>(url: string, body: unknown) =>
  request<T>(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Open calls (gallery-api routes/exhibitions/open-calls.ts). */
export const openCallApi = {
  list: async (lang: Lang) => (await request<{ items: OpenCall[] }>(`${BASE}/open-calls${query({ lang })}`)).items,
  page: (id: string, lang: Lang) => request<OpenCallPage>(`${call(id)}${query({ lang })}`),
  create: (body: OpenCallInput) => postJson<OpenCall>(`${BASE}/open-calls`, body),
  setPhase: (id: string, phase: OpenCallPhase) => postJson<OpenCall>(`${call(id)}/phase`, { phase }),
  submit: (id: string, creationId: string, category: string | null) => postJson<{ submitted: boolean }>(`${call(id)}/submissions`, { creationId, category }),
  jury: async (id: string) => (await request<{ items: JuryItem[] }>(`${call(id)}/jury`)).items,
  score: (id: string, creationId: string, score: OpenCallScore) => putJson<void>(`${call(id)}/jury/${encodeURIComponent(creationId)}`, score),
  shortlist: (id: string, creationIds: string[]) => postJson<void>(`${call(id)}/shortlist`, { creationIds }),
  vote: (id: string, creationId: string) => postJson<{ votedFor: string }>(`${call(id)}/votes`, { creationId }),
};
