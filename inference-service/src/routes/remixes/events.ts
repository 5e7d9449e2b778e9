import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '@atelier/common';
import type { RouteDeps } from '../../app';
import type { RemixEvent } from '../../repositories/remix-events.repository';
import type { z } from 'zod';
import { remixEventsResponses, remixIdParams, remixStreamEvents, type RemixStreamEvent } from './schemas';

/**
 * GET /remixes/:id/events: server-sent `progress` ({ progress, status?, position?, estimateSeconds? }),
 * then one of `completed` (the Remix), `failed` ({ error }) or `cancelled` (the Remix).
 * It subscribes first and then sends the current state, so a late subscriber to a finished remix gets
 * the end at once and nothing between the two steps is lost. While queued, a new `progress` follows
 * whenever the queue moves, with the new position and estimate.
 */
export function registerRemixEvents(app: FastifyInstance, deps: RouteDeps): void {
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const close of [...open]) close();
  });

  const schema = { tags: ['remixes'], params: remixIdParams, response: remixEventsResponses };
  app.withTypeProvider<ZodTypeProvider>().get('/remixes/:id/events', { schema }, async (request, reply) => {
    const id = request.params.id;
    if (!(await deps.service.get(id))) return reply.status(404).send(errorBody('remix_not_found', 'No such remix.'));

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // proxies must not buffer the stream
    });
    // Through the event's schema like a response body: unknown fields are dropped, a value off the contract
    // ends the stream (the studio then reads the remix, which answers 500) instead of leaving unchecked.
    const send = <E extends RemixStreamEvent>(event: E, data: z.input<(typeof remixStreamEvents)[E]>) => {
      if (done) return;
      const checked = remixStreamEvents[event].safeParse(data);
      if (!checked.success) {
        request.log.error({ event, issues: checked.error.issues }, 'remix event off its contract');
        finish();
        return;
      }
      raw.write(`event: ${event}\ndata: ${JSON.stringify(checked.data)}\n\n`);
    };

    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      unsubscribe();
      clearInterval(heartbeat);
      open.delete(finish);
      raw.end();
    };
    const settle = async (failedError?: string) => {
      const remix = await deps.service.get(id);
      if (remix?.status === 'completed') send('completed', remix);
      else if (remix?.status === 'cancelled') send('cancelled', remix);
      else send('failed', { error: remix?.error ?? failedError ?? 'The remix failed.' });
      finish();
    };
    let lastQueue = '';
    // Position and estimate change when any job starts or leaves; re-read them, send only a change. One read
    // at a time, the moves during it coalesced into one more read after it: overlapping reads could come back
    // out of order and move the position back.
    let reading: Promise<void> | null = null;
    let again = false;
    const refresh = (): Promise<void> => {
      if (reading) {
        again = true;
        return reading;
      }
      reading = (async () => {
        do {
          again = false;
          await readQueue();
        } while (again && !done);
      })().finally(() => {
        reading = null;
      });
      return reading;
    };
    const readQueue = async () => {
      const remix = await deps.service.get(id);
      if (done || !remix || (remix.status !== 'queued' && remix.status !== 'running')) return;
      const view = { progress: Math.max(lastProgress, remix.progress), status: remix.status, position: remix.position, estimateSeconds: remix.estimateSeconds };
      const key = JSON.stringify(view);
      if (key !== lastQueue) {
        lastQueue = key;
        send('progress', view);
      }
    };
    // Events that arrive while the current state is read wait, so the stream never goes backwards.
    let backlog: RemixEvent[] | null = [];
    let lastProgress = -1;
    const apply = (event: RemixEvent) => {
      if (done) return;
      if (event.type === 'active') {
        queued = false;
        refresh().catch(() => undefined);
      } else if (event.type !== 'progress') settle(event.type === 'failed' ? event.error : undefined).catch(() => finish());
      else if (event.progress > lastProgress) {
        lastProgress = event.progress;
        send('progress', { progress: event.progress });
      }
    };
    const onEvent = (event: RemixEvent) => (backlog ? backlog.push(event) : apply(event));

    let queued = true;
    const unsubscribeOwn = deps.events.subscribe(id, onEvent);
    const unsubscribeMoved = deps.events.onQueueMoved?.(() => {
      if (queued && !backlog) refresh().catch(() => undefined);
    });
    const unsubscribe = () => {
      unsubscribeOwn();
      unsubscribeMoved?.();
    };
    const heartbeat = setInterval(() => !done && raw.write(': heartbeat\n\n'), deps.sseHeartbeatMs ?? 15_000);
    open.add(finish);
    request.raw.on('close', finish);

    try {
      const current = await deps.service.get(id);
      if (!current || (current.status !== 'queued' && current.status !== 'running')) return await settle();
      lastProgress = current.progress;
      queued = current.status === 'queued';
      const view = { progress: current.progress, status: current.status, position: current.position, estimateSeconds: current.estimateSeconds };
      lastQueue = JSON.stringify(view);
      send('progress', view);
      const pending = backlog;
      backlog = null;
      pending.forEach(apply);
    } catch {
      finish();
    }
  });
}
