import type { FastifyReply, FastifyRequest } from 'fastify';
import { openSseResponse } from '@atelier/common/sse-response';
import type { WorkshopEvent, WorkshopEvents } from '../../services/workshop.service';

/**
 * A workshop's changes as server-sent events (`event: <type>`), for the approval queue, the projector and the pupil's
 * page: each page re-reads what the event names. `keep` filters what this listener may hear. The events come from
 * any gallery-api process (WorkshopEvents rides on the change notices).
 */
export function streamWorkshopEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  events: WorkshopEvents,
  workshopId: string,
  keep: (e: WorkshopEvent) => boolean = () => true,
  heartbeatMs = 15_000,
): () => void {
  const sse = openSseResponse(request, reply, { heartbeatMs, onClose: () => off() });
  sse.send('ready', {});
  const off = events.on(workshopId, (e) => {
    if (keep(e)) sse.send(e.type, e);
  });
  return () => sse.close();
}
