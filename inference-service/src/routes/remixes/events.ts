import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { openSseResponse } from '@atelier/common/sse-response';
import { REMIX_EVENT_SCHEMAS, type RemixStreamEvent } from '@atelier/contracts';
import type { InferenceDeps } from '../deps';
import { visitorIdOf } from './visitor';
import { remixEventsResponses, remixIdParams } from './schemas';

/**
 * GET /remixes/:id/events: the remix's one event stream. The service (services/remix-stream.service.ts)
 * decides what is sent; this route writes it as server-sent events, each payload through its contract schema
 * like a response body, keeps the connection alive and closes it with the server.
 */
export function registerRemixEvents(app: FastifyInstance, deps: InferenceDeps): void {
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const close of [...open]) close();
  });

  const schema = { tags: ['remixes'], params: remixIdParams, response: remixEventsResponses };
  app.withTypeProvider<ZodTypeProvider>().get('/remixes/:id/events', { schema }, async (request, reply) => {
    const stream = await deps.streams.open(request.params.id, visitorIdOf(deps, request)); // 404 before anything is written

    // Closing the response (the client went, or the server closes) closes the remix's stream, which calls `end` again.
    const sse = openSseResponse(request, reply, {
      heartbeatMs: deps.sseHeartbeatMs ?? 15_000,
      onClose: () => {
        open.delete(stream.close);
        stream.close();
      },
    });
    const end = () => sse.close();
    open.add(stream.close);
    stream.start({
      // Unknown fields are dropped; a value off the contract ends the stream (the studio then reads the remix,
      // which answers 500) instead of leaving unchecked.
      send: ({ event, data }: RemixStreamEvent) => {
        const checked = REMIX_EVENT_SCHEMAS[event].safeParse(data);
        if (!checked.success) {
          request.log.error({ event, issues: checked.error.issues }, 'remix event off its contract');
          return stream.close();
        }
        sse.send(event, checked.data);
      },
      end,
    });
  });
}
