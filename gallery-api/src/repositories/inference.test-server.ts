import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { VISITOR_COOKIE, cookieValue } from '@atelier/common/visitor-session';
import type { RemixEventName } from '@atelier/contracts/remix.schema';
import { FAKE_VISITOR } from '../services/creation.fakes';

/**
 * Test support: inference-service's remix endpoints over real HTTP, as HttpInferenceClient reads them
 * (GET /api/inference/remixes/:id and its server-sent event stream). It sends whatever a test gives it,
 * unchecked, so a test can also play an inference-service that answers off its contract.
 */
export interface InferenceTestServer {
  /** `http://127.0.0.1:<port>`, the client's base URL. */
  url: string;
  /**
   * What GET /remixes/:id answers the remix's visitor from now on: the request whose `atelier_visitor` cookie is
   * `owner` (by default the server's owner); anyone else gets 404, as from inference-service.
   */
  serve(remix: { id: string } & Record<string, unknown>, owner?: string): void;
  /** What GET /remixes/:id/output.png answers the remix's visitor (409 `remix_not_ready` until it is set). */
  serveOutput(id: string, png: Buffer): void;
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

export async function startInferenceTestServer(opts: { owner?: string } = {}): Promise<InferenceTestServer> {
  const remixes = new Map<string, Record<string, unknown>>();
  const owners = new Map<string, string>();
  const defaultOwner = opts.owner ?? FAKE_VISITOR;
  const visible = (id: string, cookie: string | undefined) => remixes.has(id) && cookieValue(cookie, VISITOR_COOKIE) === owners.get(id);
  const streams = new Map<string, Set<ServerResponse>>();
  const waiting = new Map<string, (() => void)[]>();
  const app: FastifyInstance = Fastify({ logger: false });

  const send = (raw: ServerResponse, event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  app.get<{ Params: { id: string } }>('/api/inference/remixes/:id', async (req, reply) => {
    const remix = visible(req.params.id, req.headers.cookie) ? remixes.get(req.params.id) : undefined;
    return remix ? remix : reply.status(404).send({ error: { code: 'remix_not_found', message: 'No such remix.' } });
  });

  const outputs = new Map<string, Buffer>();
  app.get<{ Params: { id: string } }>('/api/inference/remixes/:id/output.png', async (req, reply) => {
    if (!visible(req.params.id, req.headers.cookie)) return reply.status(404).send({ error: { code: 'remix_not_found', message: 'No such remix.' } });
    const png = outputs.get(req.params.id);
    if (!png) return reply.status(409).send({ error: { code: 'remix_not_ready', message: 'Not completed yet.' } });
    return reply.type('image/png').send(png);
  });

  app.get<{ Params: { id: string } }>('/api/inference/remixes/:id/events', async (req, reply) => {
    const id = req.params.id;
    const remix = visible(id, req.headers.cookie) ? remixes.get(id) : undefined;
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
    serve(remix, owner = owners.get(remix.id) ?? defaultOwner) {
      remixes.set(remix.id, structuredClone(remix));
      owners.set(remix.id, owner);
    },
    serveOutput(id, png) {
      outputs.set(id, png);
    },
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
