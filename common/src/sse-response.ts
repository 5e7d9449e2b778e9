import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** An open server-sent-events response: events go out as `event: <name>` with one line of JSON data. */
export interface SseResponse {
  send(event: string, data: unknown): void;
  /** Ends the response (idempotent); `onClose` runs once, whether the server or the client closed it. */
  close(): void;
  readonly closed: boolean;
}

export interface SseResponseOptions {
  /** How often a comment line says the stream is alive, so proxies and the client notice a dead one. */
  heartbeatMs: number;
  /** What an EventSource waits before reconnecting after the stream dropped (the `retry:` field); none by default. */
  retryMs?: number;
  /** Run once when the stream ends: unsubscribe whatever feeds it. */
  onClose?(): void;
}

/**
 * Turns a fastify reply into a server-sent-events stream (gallery-api's kiosk and workshop events, inference-service's
 * remix events): the headers (no caching, no proxy buffering), the heartbeat, and closing when the client goes.
 * The reply is hijacked, so call this only after anything that may still answer with an error.
 */
export function openSseResponse(request: FastifyRequest, reply: FastifyReply, opts: SseResponseOptions): SseResponse {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    // What the hooks set (the security headers) goes out too: a hijacked reply writes only what is given here.
    ...(reply.getHeaders() as OutgoingHttpHeaders),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no', // proxies must not buffer the stream
  });
  if (opts.retryMs !== undefined) raw.write(`retry: ${opts.retryMs}\n\n`);
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), opts.heartbeatMs);
  let closed = false;
  const sse: SseResponse = {
    send(event, data) {
      if (!closed) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      opts.onClose?.();
      raw.end();
    },
    get closed() {
      return closed;
    },
  };
  request.raw.on('close', () => sse.close());
  return sse;
}
