import type { FastifyPluginAsync } from 'fastify';
import type { GalleryDeps } from '../../app';

export const healthRoutes: FastifyPluginAsync<GalleryDeps> = async (app, deps) => {
  app.get('/health', async () => {
    await deps.pool.query('SELECT 1');
    return { ok: true };
  });
};
