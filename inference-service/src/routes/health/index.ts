import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { InferenceDeps } from '../deps';
import { healthResponses } from './schemas';

/** 200 only when a remix sent now would be made: Redis, a live worker and room to store it (issue 10 items 11, 12). */
export const healthRoutes: FastifyPluginAsync<InferenceDeps> = async (app, deps) => {
  app.withTypeProvider<ZodTypeProvider>().get('/health', { schema: { tags: ['health'], response: healthResponses } }, async (_request, reply) => {
    const health = await deps.health();
    return reply.status(health.ok ? 200 : 503).send(health);
  });
};
