import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
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

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // proxies must not buffer the stream
    });
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), deps.sseHeartbeatMs ?? 15_000);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      open.delete(stream.close);
      raw.end();
    };
    open.add(stream.close);
    request.raw.on('close', stream.close);
    stream.start({
      // Unknown fields are dropped; a value off the contract ends the stream (the studio then reads the remix,
      // which answers 500) instead of leaving unchecked.
      send: ({ event, data }: RemixStreamEvent) => {
        const checked = REMIX_EVENT_SCHEMAS[event].safeParse(data);
        if (!checked.success) {
          request.log.error({ event, issues: checked.error.issues }, 'remix event off its contract');
          return stream.close();
        }
        raw.write(`event: ${event}\ndata: ${JSON.stringify(checked.data)}\n\n`);
      },
      end,
    });
  });
}
