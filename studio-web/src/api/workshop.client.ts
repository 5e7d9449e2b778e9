import type { PublishRequestInput } from '@atelier/contracts/creation.schema';
import type { Lang } from '@atelier/contracts/lang';
import type {
  CreateWorkshopRequest,
  PupilView,
  Submission,
  Workshop,
  WorkshopDecisionRequest,
} from '@atelier/contracts/workshop.schema';
import { postJson, postMultipart, query, request } from './http';

const BASE = '/api/gallery/workshops';
const w = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export interface Pupil {
  id: string;
  pseudonym: { nl: string; en: string };
  joinedAt: string;
  removed: boolean;
}

/** gallery-api's workshop routes (routes/workshops): the educator's, the class gallery's and the pupils'. */
export const workshopApi = {
  list: () => request<{ workshops: Workshop[]; retentionDays: number }>(BASE),
  create: (body: CreateWorkshopRequest) => postJson<Workshop>(BASE, body),
  get: (id: string) => request<Workshop>(w(id)),
  lock: (id: string, locked: boolean) => postJson<Workshop>(`${w(id)}/lock`, { locked }),
  end: (id: string) => postJson<Workshop>(`${w(id)}/end`, {}),
  pupils: (id: string) => request<{ pupils: Pupil[] }>(`${w(id)}/pupils`),
  removePupil: (id: string, pupilId: string) => postJson<{ ok: true }>(`${w(id)}/pupils/${encodeURIComponent(pupilId)}/remove`, {}),
  queue: (id: string, lang: Lang) => request<{ submissions: Submission[] }>(`${w(id)}/submissions${query({ lang })}`),
  decide: (id: string, submissionId: string, body: WorkshopDecisionRequest) =>
    postJson<Submission>(`${w(id)}/submissions/${encodeURIComponent(submissionId)}/decision`, body),
  gallery: (id: string, lang: Lang) => request<{ submissions: Submission[] }>(`${w(id)}/gallery${query({ lang })}`),
  exportUrl: (id: string) => `${w(id)}/export.zip`,
  eventsUrl: (id: string) => `${w(id)}/events`,
  join: (code: string, rejoinCode?: string) => postJson<PupilView>(`${BASE}/join`, { code, ...(rejoinCode ? { rejoinCode } : {}) }),
  pupil: (lang: Lang) => request<PupilView>(`${BASE}/pupil${query({ lang })}`),
  leave: () => postJson<{ ok: true }>(`${BASE}/pupil/leave`, {}),
  pupilEventsUrl: () => `${BASE}/pupil/events`,
  submit: (meta: PublishRequestInput, image: Blob) => postMultipart<Submission>(`${BASE}/pupil/submissions`, meta, 'image', image, 'creation.png'),
  takeHome: (token: string, lang: Lang) =>
    request<{ title: string; pseudonym: { nl: string; en: string }; submissions: Submission[] }>(`${BASE}/take-home/${encodeURIComponent(token)}${query({ lang })}`),
};
