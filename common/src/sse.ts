/** One server-sent event as a Node client reads it (gallery-api's inference client, tests, benchmarks): its name and JSON data. */
export interface SseEvent {
  event: string;
  /** Parsed JSON; a caller parses it with the event's schema (contracts `REMIX_EVENT_SCHEMAS`). */
  data: any;
}

/** Parses a `text/event-stream` body into events (comments and data-less blocks are skipped). */
export async function* sseEvents(res: Response): AsyncGenerator<SseEvent> {
  if (!res.body) throw new Error(`event stream ${res.url}: no body (${res.status})`);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: ?(.*)$/m.exec(block)?.[1];
      if (data !== undefined) yield { event, data: JSON.parse(data) };
    }
  }
}

/**
 * Reads an event stream until an event with one of `names` arrives, and returns it; throws when the stream
 * ends first, the server refuses it, or `timeoutMs` passes (nothing polls: the server announces the change).
 */
export async function waitForEvent(url: string, names: readonly string[], timeoutMs = 120_000): Promise<SseEvent> {
  const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`event stream ${url}: ${res.status}`);
  }
  const events = sseEvents(res);
  try {
    for await (const e of events) if (names.includes(e.event)) return e;
  } finally {
    await events.return(undefined);
    await res.body?.cancel().catch(() => undefined);
  }
  throw new Error(`event stream ended before ${names.join('/')}`);
}
