/** Reads a server-sent event stream until an event with one of the given names arrives. */
export async function waitForEvent(url: string, names: string[], timeoutMs = 120_000): Promise<{ event: string; data: unknown }> {
  const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok || !res.body) throw new Error(`events ${url}: ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`event stream ended before ${names.join('/')}`);
      buffer += decoder.decode(value, { stream: true });
      let sep: number;
      while ((sep = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, sep);
        buffer = buffer.slice(sep + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trim());
        }
        if (names.includes(event)) return { event, data: data.length ? JSON.parse(data.join('\n')) : null };
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
