import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { InferenceDeps } from '../deps';
import { healthResponses } from './schemas';

export const healthRoutes: FastifyPluginAsync<InferenceDeps> = async (app, deps) => {
  app.withTypeProvider<ZodTypeProvider>().get('/health', { schema: { tags: ['health'], response: healthResponses } }, async (_request, reply) => {
    const redis = await deps.remixes.ping();
    return reply.status(redis ? 200 : 503).send({ ok: redis, redis });
  });
};
