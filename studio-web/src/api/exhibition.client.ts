import type {
  Exhibition, ExhibitionInput, ExhibitionList, KioskManifest, Memento, MementoLink, PublicExhibition, PublicExhibitionList, Withdrawal,
} from '@atelier/contracts/exhibition.schema';
import type { Lang } from '@atelier/contracts/lang';
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
