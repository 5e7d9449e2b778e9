import Fastify, { type FastifyInstance } from 'fastify';
import { MemoryStorage } from '@atelier/common/storage.fake';
import { ModelRegistry } from '@atelier/models';
import type { Recipe } from '@atelier/prompts';
import { inferenceApp } from '../app';
import { createInferenceServices, type InferenceServiceDeps } from '../services';
import { MemoryGallery } from '../services/gallery.fake';
import { ManifestCatalog } from '../services/model-catalog';
import { MemoryRemixEvents } from '../services/remix-events.fake';
import { MemoryRemixQueue } from '../services/remix-queue.fake';

const manifests = (await ModelRegistry.load()).list();

export interface TestApi {
  app: FastifyInstance;
  queue: MemoryRemixQueue;
  events: MemoryRemixEvents;
  storage: MemoryStorage;
  gallery: MemoryGallery;
}

/**
 * The API in process as server.ts composes it, over the in-memory fakes: the project's manifests with
 * INFERENCE_MODELS `enabled` (unset = their defaults), no rate limit. `over` replaces any dependency.
 */
export async function testApi(
  options: { enabled?: string[]; works?: MemoryGallery['works']; recipes?: Recipe[] } = {},
  over: Partial<InferenceServiceDeps> = {},
): Promise<TestApi> {
  const events = new MemoryRemixEvents();
  const queue = new MemoryRemixQueue(events);
  const storage = new MemoryStorage();
  const gallery = new MemoryGallery(options.works ?? {});
  const services = createInferenceServices({
    queue,
    events,
    storage,
    gallery,
    catalog: new ManifestCatalog(manifests, options.enabled),
    recipes: options.recipes ?? [],
    ...over,
  });
  const app = Fastify();
  await app.register(inferenceApp, { ...services, remixRateLimitPerMinute: 0 });
  return { app, queue, events, storage, gallery };
}
