import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { badRequest, errorBody } from '@atelier/common';
import { readMetaForm } from '@atelier/common/multipart-form';
import { remixRequestSchema } from '@atelier/contracts';
import type { InferenceDeps } from '../deps';
import type { FairnessKey } from '../../jobs/remix.job';
import { ANONYMOUS_SESSION, QuotaExceededError, SESSION_ID_PATTERN } from '../../services/fair-scheduler';
import { cancelRemixResponses, createRemixResponses, getRemixResponses, remixFormSchema, remixIdParams, remixOutputResponses } from './schemas';
import { registerRemixEvents } from './events';

/** The studio's pseudonymous `x-atelier-session` id (sessionStorage); workshop groups come later. */
function sessionOf(request: FastifyRequest): FairnessKey {
  const header = request.headers['x-atelier-session'];
  if (header === undefined) return ANONYMOUS_SESSION;
  if (typeof header !== 'string' || !SESSION_ID_PATTERN.test(header))
    throw badRequest('invalid_session', 'x-atelier-session must be 8 to 64 letters, digits, - or _.');
  return { sessionId: header };
}

export const remixesRoutes: FastifyPluginAsync<InferenceDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const limit = deps.remixRateLimitPerMinute ?? 30;

  app.post(
    '/remixes',
    {
      schema: { tags: ['remixes'], consumes: ['multipart/form-data'], body: remixFormSchema, response: createRemixResponses },
      // The body schema documents the form; readMetaForm reads and checks the parts (fastify sees no body).
      attachValidation: true,
      config: limit > 0 ? { rateLimit: { max: limit, timeWindow: 60_000 } } : {},
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const { meta, file } = await readMetaForm(request, { file: 'canvas', schema: remixRequestSchema });
      try {
        const { remix, created } = await deps.remixes.create(meta, file, session);
        return reply.status(created ? 202 : 200).send(remix);
      } catch (err) {
        if (!(err instanceof QuotaExceededError)) throw err;
        return reply.status(429).header('retry-after', String(err.retryAfterSeconds)).send(errorBody(err.code, err.message, err.details));
      }
    },
  );

  // 200 cancelled (it was queued, or already cancelled) · 202 stopping (running) · 409 already finished.
  app.delete('/remixes/:id', { schema: { tags: ['remixes'], params: remixIdParams, response: cancelRemixResponses } }, async (request, reply) => {
    const result = await deps.remixes.cancel(request.params.id);
    if (!result) return reply.status(404).send(errorBody('remix_not_found', 'No such remix.'));
    if (result.outcome === 'finished')
      return reply.status(409).send(errorBody('remix_finished', `The remix has already ${result.remix.status}.`, { status: result.remix.status }));
    return reply.status(result.outcome === 'stopping' ? 202 : 200).send(result.remix);
  });

  app.get('/remixes/:id', { schema: { tags: ['remixes'], params: remixIdParams, response: getRemixResponses } }, async (request) =>
    deps.remixes.read(request.params.id),
  );

  app.get('/remixes/:id/output.png', { schema: { tags: ['remixes'], params: remixIdParams, response: remixOutputResponses } }, async (request, reply) => {
    const png = await deps.remixes.output(request.params.id);
    return reply
      .header('content-type', 'image/png')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable') // an output never changes under its id
      .send(png);
  });

  registerRemixEvents(app, deps);
};
