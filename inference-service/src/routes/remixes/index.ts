import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readMetaForm } from '@atelier/common/multipart-form';
import type { RateRule } from '@atelier/common/rate-limit';
import { errorBody, remixRequestSchema } from '@atelier/contracts';
import type { InferenceDeps } from '../deps';
import { cancelRemixResponses, createRemixResponses, getRemixResponses, remixFormSchema, remixIdParams, remixOutputResponses } from './schemas';
import { registerRemixEvents } from './events';
import { visitorIdOf } from './visitor';

export const remixesRoutes: FastifyPluginAsync<InferenceDeps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const limits = deps.remixRateLimits;
  const rule: RateRule = {
    name: 'remix',
    perSession: { max: limits?.perSessionPerMinute ?? 0, windowMs: 60_000 },
    perAddress: { max: limits?.perAddressPerMinute ?? 0, windowMs: 60_000 },
    message: 'Too many remixes in a short time; wait a moment and try again.',
  };

  app.post(
    '/remixes',
    {
      schema: { tags: ['remixes'], consumes: ['multipart/form-data'], body: remixFormSchema, response: createRemixResponses },
      // The body schema documents the form; readMetaForm reads and checks the parts (fastify sees no body).
      attachValidation: true,
      // Before the upload is read; the session is minted here when the visitor has none yet. A storage below its
      // minimum refuses the upload at once (507 storage_full) instead of after 20 MB were sent.
      onRequest: [deps.limiter.hook(rule, (req, reply) => deps.visitors.of(req, reply)), async () => deps.assertUploadRoom()],
    },
    async (request, reply) => {
      // A workshop pupil's remixes share their class's fair share of the queue (fair-scheduler.ts groupShare).
      const groupId = deps.pupils?.of(request)?.workshopId;
      const session = { sessionId: deps.visitors.of(request, reply).id, ...(groupId ? { groupId } : {}) };
      const { meta, file } = await readMetaForm(request, { file: 'canvas', schema: remixRequestSchema });
      const { remix, created } = await deps.remixes.create(meta, file, session);
      return reply.status(created ? 202 : 200).send(remix);
    },
  );

  // 200 cancelled (it was queued, or already cancelled) · 202 stopping (running) · 409 already finished.
  app.delete('/remixes/:id', { schema: { tags: ['remixes'], params: remixIdParams, response: cancelRemixResponses } }, async (request, reply) => {
    const result = await deps.remixes.cancel(request.params.id, visitorIdOf(deps, request));
    if (!result) return reply.status(404).send(errorBody('remix_not_found', 'No such remix.'));
    if (result.outcome === 'finished')
      return reply.status(409).send(errorBody('remix_finished', `The remix has already ${result.remix.status}.`, { status: result.remix.status }));
    return reply.status(result.outcome === 'stopping' ? 202 : 200).send(result.remix);
  });

  app.get('/remixes/:id', { schema: { tags: ['remixes'], params: remixIdParams, response: getRemixResponses } }, async (request) =>
    deps.remixes.read(request.params.id, visitorIdOf(deps, request)),
  );

  app.get('/remixes/:id/output.png', { schema: { tags: ['remixes'], params: remixIdParams, response: remixOutputResponses } }, async (request, reply) => {
    const png = await deps.remixes.output(request.params.id, visitorIdOf(deps, request));
    return reply
      .header('content-type', 'image/png')
      .header('x-content-type-options', 'nosniff')
      // An output never changes under its id, but only its visitor may see it: never in a shared cache.
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(png);
  });

  registerRemixEvents(app, deps);
};
