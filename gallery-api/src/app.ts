import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { installErrorHandler, registerOpenApi, type ObjectStorage } from '@atelier/common';
import type { GalleryConfig } from './config';
import type { InferenceClient } from './repositories/inference.client';
import { healthRoutes } from './routes/health';
import { worksRoutes } from './routes/works';
import { creationsRoutes } from './routes/creations';
import { authRoutes } from './routes/auth';
import { moderationRoutes } from './routes/moderation';

/** What the gallery needs from the outside world; tests pass their own database and storage. */
export interface GalleryDeps {
  pool: pg.Pool;
  storage: ObjectStorage;
  inference: InferenceClient;
  config: GalleryConfig;
}

export const MAX_PUBLISH_BYTES = 20 * 1024 * 1024;

/** The gallery as a fastify plugin: it never listens (server.ts does), so tests use `app.inject()`. */
export const galleryApp: FastifyPluginAsync<GalleryDeps> = async (app: FastifyInstance, deps) => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(cookie);
  await registerOpenApi(app, {
    title: 'Open Atelier gallery-api',
    description: 'Collection works, visitor creations with provenance, moderation and staff sessions.',
    version: '0.1.0',
    prefix: '/api/gallery',
  });
  await app.register(multipart, { limits: { fileSize: MAX_PUBLISH_BYTES, files: 1, fields: 4, fieldSize: 4 * 1024 * 1024 } });
  await app.register(
    async (api) => {
      await api.register(healthRoutes, deps);
      await api.register(worksRoutes, deps);
      await api.register(creationsRoutes, deps);
      await api.register(authRoutes, deps);
      await api.register(moderationRoutes, deps);
    },
    { prefix: '/api/gallery' },
  );
};
