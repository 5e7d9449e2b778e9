import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { sseEvents } from './sse';
import { openSseResponse, type SseResponse } from './sse-response';

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

async function serve(onOpen: (sse: SseResponse) => void, onClose: () => void) {
  const app = Fastify();
  const open = new Set<SseResponse>();
  app.addHook('preClose', async () => {
    for (const s of open) s.close();
  });
  app.get('/events', async (req, reply) => {
    const sse = openSseResponse(req, reply, { heartbeatMs: 20, retryMs: 1500, onClose });
    open.add(sse);
    onOpen(sse);
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  stop = () => app.close();
  return url;
}

describe('openSseResponse', () => {
  it('answers an event stream that nothing buffers, with retry, events as JSON and heartbeats', async () => {
    let closes = 0;
    const url = await serve((sse) => sse.send('hello', { n: 1 }), () => closes++);
    const res = await fetch(`${url}/events`);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes(': heartbeat')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text.startsWith('retry: 1500\n\n')).toBe(true);
    expect(text).toContain('event: hello\ndata: {"n":1}\n\n');
    await reader.cancel();
    await stop!();
    stop = null;
    expect(closes).toBe(1);
  });

  it('closes once from the server side: the client reads to the end, onClose runs once', async () => {
    let closes = 0;
    const url = await serve((sse) => {
      sse.send('only', { ok: true });
      sse.close();
      sse.close();
      sse.send('after', {});
    }, () => closes++);
    const events = [];
    for await (const e of sseEvents(await fetch(`${url}/events`))) events.push(e);
    expect(events).toEqual([{ event: 'only', data: { ok: true } }]);
    expect(closes).toBe(1);
  });
});
