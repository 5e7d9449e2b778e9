import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError, badRequest, errorBody } from '@atelier/common';
import type { RouteDeps } from '../../app';
import { outputKey } from '../../jobs/remix.job';
import type { FairnessKey } from '../../jobs/remix.job';
import { ANONYMOUS_SESSION, QuotaExceededError, SESSION_ID_PATTERN } from '../../services/fair-scheduler';
import type { RemixRequest } from '../../services/remix.service';
import {
  cancelRemixResponses, createRemixResponses, getRemixResponses, remixFormSchema, remixIdParams, remixOutputResponses, remixRequestSchema,
} from './schemas';
import { registerRemixEvents } from './events';

/** Reads the `canvas` file and the `meta` JSON field; the file is buffered up to the multipart limit. */
async function readRemixForm(request: FastifyRequest): Promise<{ meta: RemixRequest; canvas: Buffer }> {
  if (!request.isMultipart())
    throw new HttpError(415, 'unsupported_media_type', 'Send multipart/form-data with a `canvas` file and a `meta` field.');
  let canvas: Buffer | undefined;
  let metaText: string | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'canvas') throw badRequest('unexpected_file', `Unexpected file field ${part.fieldname}.`);
      canvas = await part.toBuffer(); // throws a 413 past the multipart fileSize limit
    } else if (part.fieldname === 'meta') {
      metaText = String(part.value);
    }
  }
  if (!canvas) throw badRequest('missing_canvas', 'The `canvas` image is missing.');
  if (metaText === undefined) throw badRequest('missing_meta', 'The `meta` field is missing.');
  let json: unknown;
  try {
    json = JSON.parse(metaText);
  } catch {
    throw badRequest('invalid_meta', 'The `meta` field is not valid JSON.');
  }
  const parsed = remixRequestSchema.safeParse(json);
  if (!parsed.success) throw badRequest('validation_failed', 'The remix request is invalid.', parsed.error.issues);
  return { meta: parsed.data, canvas };
}

/** The studio's pseudonymous `x-atelier-session` id (sessionStorage); workshop groups come later. */
function sessionOf(request: FastifyRequest): FairnessKey {
  const header = request.headers['x-atelier-session'];
  if (header === undefined) return ANONYMOUS_SESSION;
  if (typeof header !== 'string' || !SESSION_ID_PATTERN.test(header))
    throw badRequest('invalid_session', 'x-atelier-session must be 8 to 64 letters, digits, - or _.');
  return { sessionId: header };
}

export const remixesRoutes: FastifyPluginAsync<RouteDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const limit = deps.remixRateLimitPerMinute ?? 30;

  app.post(
    '/remixes',
    {
      schema: { tags: ['remixes'], consumes: ['multipart/form-data'], body: remixFormSchema, response: createRemixResponses },
      // The body schema documents the form; readRemixForm reads and checks the parts (fastify sees no body).
      attachValidation: true,
      config: limit > 0 ? { rateLimit: { max: limit, timeWindow: 60_000 } } : {},
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const { meta, canvas } = await readRemixForm(request);
      try {
        const { remix, created } = await deps.service.create(meta, canvas, session);
        return reply.status(created ? 202 : 200).send(remix);
      } catch (err) {
        if (!(err instanceof QuotaExceededError)) throw err;
        return reply
          .status(429)
          .header('retry-after', String(err.retryAfterSeconds))
          .send(errorBody(err.code, err.message, err.details));
      }
    },
  );

  // 200 cancelled (it was queued, or already cancelled) · 202 stopping (running) · 409 already finished.
  app.delete('/remixes/:id', { schema: { tags: ['remixes'], params: remixIdParams, response: cancelRemixResponses } }, async (request, reply) => {
    const result = await deps.service.cancel(request.params.id);
    if (!result) return reply.status(404).send(errorBody('remix_not_found', 'No such remix.'));
    if (result.outcome === 'finished')
      return reply.status(409).send(errorBody('remix_finished', `The remix has already ${result.remix.status}.`, { status: result.remix.status }));
    return reply.status(result.outcome === 'stopping' ? 202 : 200).send(result.remix);
  });

  app.get('/remixes/:id', { schema: { tags: ['remixes'], params: remixIdParams, response: getRemixResponses } }, async (request, reply) => {
    const remix = await deps.service.get(request.params.id);
    if (!remix) return reply.status(404).send(errorBody('remix_not_found', 'No such remix.'));
    return remix;
  });

  app.get('/remixes/:id/output.png', { schema: { tags: ['remixes'], params: remixIdParams, response: remixOutputResponses } }, async (request, reply) => {
    const remix = await deps.service.get(request.params.id);
    if (!remix) return reply.status(404).send(errorBody('remix_not_found', 'No such remix.'));
    if (remix.status !== 'completed') return reply.status(409).send(errorBody('remix_not_ready', `The remix is ${remix.status}.`));
    const png = await deps.storage.get(outputKey(remix.id));
    return reply
      .header('content-type', 'image/png')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable') // an output never changes under its id
      .send(png);
  });

  registerRemixEvents(app, deps);
};
