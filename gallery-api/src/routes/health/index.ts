import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../deps';

export const healthRoutes: FastifyPluginAsync<RouteDeps> = async (app, { gallery }) => {
  app.get('/health', async () => {
    await gallery.ping();
    return { ok: true };
  });
};
