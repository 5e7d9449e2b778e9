import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { InferenceDeps } from '../deps';
import { modelsResponses } from './schemas';

export const modelsRoutes: FastifyPluginAsync<InferenceDeps> = async (app, deps) => {
  app.withTypeProvider<ZodTypeProvider>().get('/models', { schema: { tags: ['models'], response: modelsResponses } }, async () => deps.models.list());
};
