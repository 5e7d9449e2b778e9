/** One server-sent event as the tests and benchmarks read it: the event name and its JSON data. */
export interface SseEvent {
  event: string;
  data: any; // each caller knows its event's shape
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
