import type { ModelListing } from '@atelier/contracts/model.schema';
import type { RecipeListing, Remix, RemixEventName, RemixFailure, RemixProgressEvent, RemixRequest } from '@atelier/contracts/remix.schema';
import { postMultipart, request } from './http';

/**
 * Every call is same-origin, so the visitor's session cookie (HttpOnly, issued by the APIs) goes along with each
 * fetch and EventSource by itself: the studio never sees or chooses its session. The queue is fair between, and
 * each remix belongs to, that session.
 */
const BASE = '/api/inference';

export const remixOutputUrl = (remix: Pick<Remix, 'id' | 'output'>) =>
  remix.output?.url || `${BASE}/remixes/${encodeURIComponent(remix.id)}/output.png`;

/** What one remix's event stream says (contracts remix.schema.ts `REMIX_EVENT_SCHEMAS`), plus a lost connection. */
export interface RemixStreamHandlers {
  /** Position, estimate and progress (a fraction) while it waits and runs. */
  progress(event: RemixProgressEvent): void;
  /** The output is stored; the safety screen may still run (`screening`). */
  completed(remix: Remix): void;
  /** The remix with its safety report: the last event. */
  screened(remix: Remix): void;
  /** The reason in plain (English) words, and its kind, for a message in the visitor's language. */
  failed(message: string, code?: RemixFailure): void;
  cancelled(remix: Remix): void;
  /** The connection closed for good without a final event. */
  lost(): void;
}

export function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && 'message' in e && typeof e.message === 'string') return e.message;
  return 'Unknown error';
}

function parse(e: Event): unknown {
  try {
    const data = (e as MessageEvent).data;
    return typeof data === 'string' ? JSON.parse(data) : {};
  } catch {
    return {};
  }
}

export const inferenceApi = {
  /** meta first, so the server reads it before the file. */
  createRemix: (meta: RemixRequest, canvas: Blob) => postMultipart<Remix>(`${BASE}/remixes`, meta, 'canvas', canvas, 'canvas.png'),
  /** 200 cancelled · 202 stopping (it was running) · 409 when it already finished. */
  cancel: (id: string) => request<Remix>(`${BASE}/remixes/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  /** Every model with its tool, labels, licence, defaults and whether the operator enabled it. */
  listModels: () => request<ModelListing[]>(`${BASE}/models`),
  /** The curated styles (prompts/recipes) with their one-line "what to look for". */
  listRecipes: () => request<RecipeListing[]>(`${BASE}/recipes`),
  getRemix: (id: string) => request<Remix>(`${BASE}/remixes/${encodeURIComponent(id)}`),

  /**
   * The one event stream of a remix, from queue to safety screen; returns an unsubscribe. `screened`, `failed`
   * and `cancelled` end it. A dropped connection is retried by EventSource itself (a late subscriber hears
   * `completed` and `screened` again at once); only a connection it gives up on is `lost`.
   */
  followRemix(id: string, on: RemixStreamHandlers): () => void {
    const source = new EventSource(`${BASE}/remixes/${encodeURIComponent(id)}/events`);
    let open = true;
    const close = () => {
      open = false;
      source.close();
    };
    // One handler per event the contract names: a new event name fails typecheck here until it is handled.
    const events: { [K in RemixEventName]: (e: Event) => void } = {
      progress: (e) => on.progress(parse(e) as RemixProgressEvent),
      completed: (e) => on.completed(parse(e) as Remix),
      screened: (e) => {
        close();
        on.screened(parse(e) as Remix);
      },
      failed: (e) => {
        close();
        const data = parse(e) as { error?: unknown; code?: RemixFailure };
        on.failed(errorText(data.error), data.code);
      },
      cancelled: (e) => {
        close();
        on.cancelled(parse(e) as Remix);
      },
    };
    for (const [name, handle] of Object.entries(events)) source.addEventListener(name, handle);
    source.onerror = () => {
      if (open && source.readyState === EventSource.CLOSED) {
        close();
        on.lost();
      }
    };
    return close;
  },
};
