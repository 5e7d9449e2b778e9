import { postMultipart, request } from './http';
import type { Remix, RemixRequest } from './types';

const BASE = '/api/inference';

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
  createRemix: (meta: RemixRequest, canvas: Blob) => postMultipart<Remix>(`${BASE}/remixes`, meta, 'canvas', canvas, 'canvas.png'),
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
