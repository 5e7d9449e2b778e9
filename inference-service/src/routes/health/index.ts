import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../app';

export const healthRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  app.get('/health', async (_request, reply) => {
    const redis = await deps.queue.ping();
    return reply.status(redis ? 200 : 503).send({ ok: redis, redis });
  });
};
