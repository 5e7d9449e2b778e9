import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrintTokens } from '@atelier/common/print-tokens';
import type { ObjectStorage } from '@atelier/common';
import { errorBody, errorBodySchema } from '@atelier/contracts';
import { printRequestSchema } from '@atelier/contracts/print.schema';

/** The print jobs (repositories/print-queue.repository.ts; a fake in a test). */
export interface PrintQueue {
  submit(printId: string, creationId: string, longSide: number, model: string): Promise<void>;
  /** Waits for the job's end (an event), at most `timeoutMs`. */
  finished(printId: string, timeoutMs: number): Promise<PrintState>;
}

export type PrintState =
  | { state: 'done'; key: string; width: number; height: number }
  | { state: 'failed'; error: string }
  | { state: 'missing' };

export interface PrintRouteDeps {
  /** gallery-api's bearer token per print (common/print-tokens.ts): nobody else may start one. */
  tokens: Pick<PrintTokens, 'verify'>;
  queue: PrintQueue;
  storage: Pick<ObjectStorage, 'get'>;
  /** Enabled models whose tool is `upscale`. */
  upscalers: readonly string[];
  /** How long GET …/output.png waits for the job: the upscale task's timeout. */
  waitMs: number;
}

const params = z.object({ printId: z.uuid() });

/**
 * POST /prints and GET /prints/:printId/output.png: a print-ready upscale of an approved creation, asked by
 * gallery-api (issue 12 item 3) with its token for that print; 401 for anyone else. The job carries the creation's
 * id, not its bytes: the worker reads the image from gallery-api. The download waits for the job's end.
 */
export const printRoutes: FastifyPluginAsync<PrintRouteDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const UNAUTHORIZED = errorBody('unauthorized', 'Only gallery-api may ask for a print.');

  app.post(
    '/prints',
    { schema: { tags: ['prints'], body: printRequestSchema, response: { 202: params, 400: errorBodySchema, 401: errorBodySchema } } },
    async (req, reply) => {
      if (!deps.tokens.verify(req.headers.authorization, req.body.printId)) return reply.status(401).send(UNAUTHORIZED);
      if (!deps.upscalers.includes(req.body.model)) return reply.status(400).send(errorBody('unknown_model', `${req.body.model} is not an enabled upscaler.`));
      await deps.queue.submit(req.body.printId.toLowerCase(), req.body.creationId.toLowerCase(), req.body.longSide, req.body.model);
      return reply.status(202).send({ printId: req.body.printId });
    },
  );

  app.get('/prints/:printId/output.png', { schema: { tags: ['prints'], params } }, async (req, reply) => {
    if (!deps.tokens.verify(req.headers.authorization, req.params.printId)) return reply.status(401).send(UNAUTHORIZED);
    const end = await deps.queue.finished(req.params.printId.toLowerCase(), deps.waitMs);
    if (end.state === 'missing') return reply.status(404).send(errorBody('print_not_found', 'No such print.'));
    if (end.state === 'failed') return reply.status(422).send(errorBody('print_failed', end.error));
    return reply.header('Cache-Control', 'private, no-store').type('image/png').send(await deps.storage.get(end.key));
  });
};
