import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { RemixEventName } from '@atelier/contracts/remix.schema';

/**
 * Test support: inference-service's remix endpoints over real HTTP, as HttpInferenceClient reads them
 * (GET /api/inference/remixes/:id and its server-sent event stream). It sends whatever a test gives it,
 * unchecked, so a test can also play an inference-service that answers off its contract.
 */
export interface InferenceTestServer {
  /** `http://127.0.0.1:<port>`, the client's base URL. */
  url: string;
  /** What GET /remixes/:id answers from now on. */
  serve(remix: { id: string } & Record<string, unknown>): void;
  /** Sends one event to every open stream of the remix (a final one ends them); `completed`, `screened` and `cancelled` also become what GET answers. */
  announce(id: string, event: { event: RemixEventName; data: unknown }): void;
  /** Resolves once a stream of the remix is open. */
  subscribed(id: string): Promise<void>;
  /** Writes raw bytes to the remix's open streams (split events, comments). */
  write(id: string, text: string): void;
  /** Ends the remix's open streams without a final event. */
  end(id: string): void;
  close(): Promise<void>;
}

const FINAL = new Set<RemixEventName>(['screened', 'failed', 'cancelled']);

export async function startInferenceTestServer(): Promise<InferenceTestServer> {
  const remixes = new Map<string, Record<string, unknown>>();
  const streams = new Map<string, Set<ServerResponse>>();
  const waiting = new Map<string, (() => void)[]>();
  const app: FastifyInstance = Fastify({ logger: false });

  const send = (raw: ServerResponse, event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  app.get<{ Params: { id: string } }>('/api/inference/remixes/:id', async (req, reply) => {
    const remix = remixes.get(req.params.id);
    return remix ? remix : reply.status(404).send({ error: { code: 'remix_not_found', message: 'No such remix.' } });
  });

  app.get<{ Params: { id: string } }>('/api/inference/remixes/:id/events', async (req, reply) => {
    const id = req.params.id;
    const remix = remixes.get(id);
    if (!remix) return reply.status(404).send({ error: { code: 'remix_not_found', message: 'No such remix.' } });
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    // The current state first, as inference-service sends it: a late subscriber to a screened remix gets `completed` and `screened` at once.
    if (remix.status === 'completed' && !remix.screening) return void (send(raw, 'completed', remix), send(raw, 'screened', remix), raw.end());
    if (remix.status === 'cancelled') return void (send(raw, 'cancelled', remix), raw.end());
    if (remix.status === 'failed') return void (send(raw, 'failed', { error: String(remix.error ?? 'failed') }), raw.end());
    if (remix.status === 'completed') send(raw, 'completed', remix);
    else send(raw, 'progress', { progress: remix.progress ?? 0 });
    const open = streams.get(id) ?? new Set<ServerResponse>();
    streams.set(id, open.add(raw));
    raw.on('close', () => open.delete(raw));
    for (const notify of waiting.get(id)?.splice(0) ?? []) notify();
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    serve: (remix) => void remixes.set(remix.id, structuredClone(remix)),
    announce(id, { event, data }) {
      if (event === 'completed' || event === 'screened' || event === 'cancelled') remixes.set(id, structuredClone(data) as Record<string, unknown>);
      for (const raw of streams.get(id) ?? []) {
        send(raw, event, data);
        if (FINAL.has(event)) raw.end();
      }
    },
    subscribed(id) {
      if (streams.get(id)?.size) return Promise.resolve();
      return new Promise((resolve) => waiting.set(id, [...(waiting.get(id) ?? []), resolve]));
    },
    write(id, text) {
      for (const raw of streams.get(id) ?? []) raw.write(text);
    },
    end(id) {
      for (const raw of streams.get(id) ?? []) raw.end();
    },
    async close() {
      for (const open of streams.values()) for (const raw of open) raw.end();
      await app.close();
    },
  };
}
