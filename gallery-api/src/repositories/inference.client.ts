import type { z } from 'zod';
import { sseEvents } from '@atelier/common/sse';
import { VisitorSessions } from '@atelier/common/visitor-session';
import { REMIX_EVENT_SCHEMAS, remixSchema, type Remix, type RemixEventName, type RemixStreamEvent } from '@atelier/contracts/remix.schema';
import type { DraftRemixSource } from '../services/draft.service';
import { RemixContractError, type RemixSource } from '../services/publish.service';

/** The largest remix output a draft copies (an upscaled 4096² PNG is well below). */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

const isRemixEvent = (name: string): name is RemixEventName => Object.hasOwn(REMIX_EVENT_SCHEMAS, name);

/** Parses what inference-service sent with its contract: an answer off it is its fault, never cast into shape. */
function parsed<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new RemixContractError(`inference-service ${what} is off its contract: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return result.data;
}

/** One event of a remix's stream, its data parsed with the event's own schema. */
function remixEvent(event: RemixEventName, data: unknown, id: string): RemixStreamEvent {
  // The pairing of name and schema is REMIX_EVENT_SCHEMAS itself; TypeScript cannot follow it through the index.
  return { event, data: parsed<unknown>(REMIX_EVENT_SCHEMAS[event], data, `event \`${event}\` of remix ${id}`) } as RemixStreamEvent;
}

/**
 * inference-service over HTTP: GET /api/inference/remixes/:id and its event stream, each with the publishing
 * visitor's own session cookie, so inference-service answers exactly what it would answer that visitor.
 */
export class HttpInferenceClient implements RemixSource, DraftRemixSource {
  constructor(
    private readonly baseUrl: string,
    private readonly requestTimeoutMs = 5_000,
  ) {}

  private remixUrl(id: string): string {
    return `${this.baseUrl}/api/inference/remixes/${encodeURIComponent(id)}`;
  }

  async getRemix(id: string, visitor: string): Promise<Remix | null> {
    const res = await fetch(this.remixUrl(id), { headers: VisitorSessions.credentialHeader(visitor), signal: AbortSignal.timeout(this.requestTimeoutMs) });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`inference-service answered ${res.status} for remix ${id}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new RemixContractError(`inference-service answered remix ${id} with a body that is not JSON`);
    }
    return parsed(remixSchema, body, `remix ${id}`);
  }

  async getOutput(id: string, visitor: string): Promise<Buffer | null> {
    const res = await fetch(`${this.remixUrl(id)}/output.png`, {
      headers: VisitorSessions.credentialHeader(visitor),
      signal: AbortSignal.timeout(this.requestTimeoutMs * 6),
    });
    // 404: unknown or another visitor's; 409: not completed yet.
    if (res.status === 404 || res.status === 409) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) throw new Error(`inference-service answered ${res.status} for the output of remix ${id}`);
    if (Number(res.headers.get('content-length') ?? 0) > MAX_OUTPUT_BYTES) {
      await res.body?.cancel();
      throw new RemixContractError(`the output of remix ${id} is larger than ${MAX_OUTPUT_BYTES} bytes`);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > MAX_OUTPUT_BYTES) throw new RemixContractError(`the output of remix ${id} is larger than ${MAX_OUTPUT_BYTES} bytes`);
    return bytes;
  }

  async awaitScreen(id: string, visitor: string, timeoutMs: number): Promise<Remix | null> {
    // A completed remix whose screen is not running is final as it is, should the stream end after it.
    let final: Remix | null = null;
    let res: Response | undefined;
    try {
      res = await fetch(`${this.remixUrl(id)}/events`, {
        headers: { accept: 'text/event-stream', ...VisitorSessions.credentialHeader(visitor) },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) return null;
      for await (const e of sseEvents(res)) {
        // Events this client does not know (a later version's) are passed over, as a browser's EventSource does.
        if (!isRemixEvent(e.event)) continue;
        const event = remixEvent(e.event, e.data, id);
        if (event.event === 'screened' || event.event === 'cancelled') return event.data;
        if (event.event === 'failed') return null;
        if (event.event === 'completed' && !event.data.screening) final = event.data;
      }
      return final;
    } catch (err) {
      if (err instanceof RemixContractError) throw err;
      if (err instanceof SyntaxError) throw new RemixContractError(`inference-service sent an event of remix ${id} that is not JSON`);
      // The bound passed or the connection was lost: what was announced so far (null while the screen runs).
      return final;
    } finally {
      await res?.body?.cancel().catch(() => undefined);
    }
  }
}
