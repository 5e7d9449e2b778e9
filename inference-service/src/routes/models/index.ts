import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../../app';

export const modelsRoutes: FastifyPluginAsync<RouteDeps> = async (app, deps) => {
  app.get('/models', async () => deps.catalog.list());
};
