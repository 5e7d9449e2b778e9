import { sseEvents } from '../support/sse';

/** Reads a server-sent event stream until an event with one of the given names arrives. */
export async function waitForEvent(url: string, names: string[], timeoutMs = 120_000): Promise<{ event: string; data: unknown }> {
  const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`events ${url}: ${res.status}`);
  const events = sseEvents(res);
  try {
    for await (const e of events) if (names.includes(e.event)) return e;
  } finally {
    await events.return(undefined);
    await res.body?.cancel().catch(() => undefined);
  }
  throw new Error(`event stream ended before ${names.join('/')}`);
}
