import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { cleanImageUpload, installErrorHandler, registerOpenApi, type ObjectStorage, type UploadLimits } from '@atelier/common';
import type { GalleryClient } from './repositories/gallery.client';
import type { RemixQueue } from './repositories/remix-queue.repository';
import type { RemixEventSource } from './repositories/remix-events.repository';
import type { ManifestCatalog } from './services/model-catalog';
import { RemixService } from './services/remix.service';
import type { Scheduler } from './services/fair-scheduler';
import { healthRoutes } from './routes/health';
import { modelsRoutes } from './routes/models';
import { recipesRoutes } from './routes/recipes';
import { remixesRoutes } from './routes/remixes';

/**
 * The stored canvas is an intermediate file on this server's disk that the worker reads once, so it is a
 * stored (uncompressed) PNG: at 512² that is ≈3 ms to write and ≈3 ms to decode instead of ≈16 and ≈7 at zlib
 * level 1, which saved only 2 % on a painted canvas (`npm run bench`). It never travels to a browser.
 */
export const CANVAS_LIMITS: UploadLimits = { maxBytes: 20 * 1024 * 1024, maxPixels: 4096 * 4096, maxSide: 4096, compressionLevel: 0 };

/** What the API needs from the outside world; tests pass fakes or real Redis. */
export interface InferenceDeps {
  queue: RemixQueue;
  events: RemixEventSource;
  gallery: GalleryClient;
  storage: ObjectStorage;
  catalog: ManifestCatalog;
  /** POSTs per minute per client address; 0 turns the limit off (tests). */
  remixRateLimitPerMinute?: number;
  sseHeartbeatMs?: number;
  /** Per-session quotas, fair order and estimates (services/fair-scheduler.ts); none = arrival order. */
  scheduler?: Scheduler;
}

export interface RouteDeps extends InferenceDeps {
  service: RemixService;
}

/** inference-service as a fastify plugin: it never listens (server.ts does), so tests use `app.inject()`. */
export const inferenceApp: FastifyPluginAsync<InferenceDeps> = async (app: FastifyInstance, deps) => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await registerOpenApi(app, {
    title: 'Open Atelier inference-service',
    description: 'Remix jobs on a queue: submit a canvas, follow its progress, fetch the result; the model catalogue.',
    version: '0.1.0',
    prefix: '/api/inference',
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, {
    limits: { fileSize: CANVAS_LIMITS.maxBytes, files: 1, fields: 2, fieldSize: 64 * 1024, parts: 3 },
  });
  const service = new RemixService({
    queue: deps.queue,
    gallery: deps.gallery,
    storage: deps.storage,
    models: deps.catalog,
    cleanImage: (bytes) => cleanImageUpload(bytes, CANVAS_LIMITS),
    scheduler: deps.scheduler,
  });
  const routeDeps: RouteDeps = { ...deps, service };
  await app.register(
    async (api) => {
      await api.register(healthRoutes, routeDeps);
      await api.register(modelsRoutes, routeDeps);
      await api.register(recipesRoutes, routeDeps);
      await api.register(remixesRoutes, routeDeps);
    },
    { prefix: '/api/inference' },
  );
};
