import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import multipart from '@fastify/multipart';
import { installServiceContract } from '@atelier/common';
import { CANVAS_LIMITS } from './services';
import type { InferenceDeps } from './routes/deps';

export type { InferenceDeps };
import { healthRoutes } from './routes/health';
import { modelsRoutes } from './routes/models';
import { recipesRoutes } from './routes/recipes';
import { remixesRoutes } from './routes/remixes';
import { printRoutes } from './routes/prints';
import { workshopGroupRoutes } from './routes/workshop-groups';

/** inference-service as a fastify plugin: it never listens (server.ts does), so tests use `app.inject()`. */
export const inferenceApp: FastifyPluginAsync<InferenceDeps> = async (app: FastifyInstance, deps) => {
  await installServiceContract(app, {
    title: 'Open Atelier inference-service',
    description: 'Remix jobs on a queue: submit a canvas, follow its progress, fetch the result; the model catalogue.',
    version: '0.1.0',
    prefix: '/api/inference',
  });
  await app.register(multipart, {
    limits: { fileSize: CANVAS_LIMITS.maxBytes, files: 1, fields: 2, fieldSize: 64 * 1024, parts: 3 },
  });
  await app.register(
    async (api) => {
      await api.register(healthRoutes, deps);
      await api.register(modelsRoutes, deps);
      await api.register(recipesRoutes, deps);
      await api.register(remixesRoutes, deps);
      if (deps.workshopGroups) await api.register(workshopGroupRoutes, deps.workshopGroups);
      if (deps.prints) await api.register(printRoutes, deps.prints);
    },
    { prefix: '/api/inference' },
  );
};
