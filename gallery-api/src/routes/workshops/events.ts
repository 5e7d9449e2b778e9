import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WorkshopEvent, WorkshopEvents } from '../../services/workshop.service';

/**
 * A workshop's changes as server-sent events (`event: <type>`), for the approval queue, the projector and the pupil's
 * page: each page re-reads what the event names. `keep` filters what this listener may hear.
 */
export function streamWorkshopEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  events: WorkshopEvents,
  workshopId: string,
  keep: (e: WorkshopEvent) => boolean = () => true,
  heartbeatMs = 15_000,
): () => void {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write(`event: ready\ndata: {}\n\n`);
  const off = events.on(workshopId, (e) => {
    if (keep(e)) raw.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
  });
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), heartbeatMs);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    off();
    clearInterval(heartbeat);
    raw.end();
  };
  request.raw.on('close', close);
  return close;
}
