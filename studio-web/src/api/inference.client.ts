import { request } from './http';
import type { ModelListing, RecipeListing, Remix, RemixRequest } from './types';

const BASE = '/api/inference';
const SESSION_KEY = 'atelier.session';

/**
 * A random id for this browser tab, kept in sessionStorage: the queue is fair between these ids.
 * It is never personal data and is forgotten when the tab closes.
 */
export function studioSessionId(): string {
  try {
    let id = sessionStorage.getItem(SESSION_KEY);
    if (!id) sessionStorage.setItem(SESSION_KEY, (id = crypto.randomUUID()));
    return id;
  } catch {
    return 'no-session-storage'; // storage disabled: the shared bucket of sessions without an id
  }
}

/** What the queue says about a remix that is waiting or running. */
export interface QueueStatus {
  status?: string;
  position?: number;
  estimateSeconds?: number;
}

export const remixOutputUrl = (remix: Pick<Remix, 'id' | 'output'>) =>
  remix.output?.url || `${BASE}/remixes/${encodeURIComponent(remix.id)}/output.png`;

export type RemixEvent =
  | { type: 'progress'; progress: number; position?: number }
  | { type: 'completed'; remix: Remix }
  | { type: 'failed'; message: string };

export function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && 'message' in e && typeof e.message === 'string') return e.message;
  return 'Unknown error';
}

function parse(data: unknown): Record<string, unknown> {
  try {
    return typeof data === 'string' ? (JSON.parse(data) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export const inferenceApi = {
  createRemix: (meta: RemixRequest, canvas: Blob) => {
    const form = new FormData(); // meta first, so the server reads it before the file
    form.append('meta', JSON.stringify(meta));
    form.append('canvas', canvas, 'canvas.png');
    return request<Remix>(`${BASE}/remixes`, { method: 'POST', body: form, headers: { 'x-atelier-session': studioSessionId() } });
  },
  /** 200 cancelled · 202 stopping (it was running) · 409 when it already finished. */
  cancel: (id: string) => request<Remix>(`${BASE}/remixes/${encodeURIComponent(id)}`, { method: 'DELETE' }),

  /** Follows a waiting or running remix's queue position and estimate; returns an unsubscribe. */
  watchQueue(id: string, onStatus: (status: QueueStatus) => void): () => void {
    const source = new EventSource(`${BASE}/remixes/${encodeURIComponent(id)}/events`);
    source.addEventListener('progress', (e) => {
      const d = parse((e as MessageEvent).data);
      if (typeof d.position === 'number' || typeof d.estimateSeconds === 'number' || typeof d.status === 'string')
        onStatus({
          ...(typeof d.status === 'string' ? { status: d.status } : {}),
          ...(typeof d.position === 'number' ? { position: d.position } : {}),
          ...(typeof d.estimateSeconds === 'number' ? { estimateSeconds: d.estimateSeconds } : {}),
        });
    });
    for (const end of ['completed', 'failed', 'cancelled']) source.addEventListener(end, () => source.close());
    return () => source.close();
  },
  /** Every model with its licence and whether the operator enabled it. */
  listModels: () => request<ModelListing[]>(`${BASE}/models`),
  /** The curated styles (prompts/recipes) with their one-line "what to look for". */
  listRecipes: () => request<RecipeListing[]>(`${BASE}/recipes`),
  getRemix: (id: string) => request<Remix>(`${BASE}/remixes/${encodeURIComponent(id)}`),

  /** Follows a remix over server-sent events until it completes or fails; returns an unsubscribe. */
  subscribe(id: string, onEvent: (ev: RemixEvent) => void): () => void {
    const source = new EventSource(`${BASE}/remixes/${encodeURIComponent(id)}/events`);
    let done = false;
    const finish = (ev: RemixEvent) => {
      done = true;
      source.close();
      onEvent(ev);
    };
    source.addEventListener('progress', (e) => {
      const d = parse((e as MessageEvent).data);
      onEvent({
        type: 'progress',
        progress: Number(d.progress ?? 0),
        ...(typeof d.position === 'number' ? { position: d.position } : {}),
      });
    });
    source.addEventListener('completed', (e) => finish({ type: 'completed', remix: parse((e as MessageEvent).data) as unknown as Remix }));
    source.addEventListener('cancelled', () => finish({ type: 'failed', message: 'cancelled' }));
    // A named `failed` event carries data; a transport error does not and EventSource retries it by itself.
    source.addEventListener('failed', (e) => finish({ type: 'failed', message: errorText(parse((e as MessageEvent).data).error) }));
    source.onerror = () => {
      if (!done && source.readyState === EventSource.CLOSED) finish({ type: 'failed', message: 'Lost the connection to the remix service.' });
    };
    return () => {
      done = true;
      source.close();
    };
  },
};
