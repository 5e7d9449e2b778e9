import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../deps';
import { healthResponses } from './schemas';

/** 200 when the gallery can serve and store, else 503 with what is wrong; never a 500 (issue 10 items 9 and 12). */
export const healthRoutes: FastifyPluginAsync<RouteDeps> = async (app, { gallery }) => {
  app.withTypeProvider<ZodTypeProvider>().get('/health', { schema: { tags: ['health'], response: healthResponses } }, async (_request, reply) => {
    const health = await gallery.health();
    return reply.status(health.ok ? 200 : 503).send(health);
  });
};
