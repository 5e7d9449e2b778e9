import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MemoryRateCounter } from '@atelier/common/rate-limit';
import { MemoryStorage } from '@atelier/common/storage.fake';
import { testVisitor, testVisitorSessions, type TestVisitor } from '@atelier/common/testing/visitors';
import { ModelRegistry } from '@atelier/models';
import type { Recipe } from '@atelier/prompts';
import { inferenceApp, type InferenceDeps } from '../app';
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
  /** A visitor with a session cookie (`visitor.headers`); `newVisitor()` makes another. */
  visitor: TestVisitor;
  newVisitor(): TestVisitor;
}

/**
 * The API in process as server.ts composes it, over the in-memory fakes: the project's manifests with
 * INFERENCE_MODELS `enabled` (unset = their defaults), no rate limit, the test session secret. `over` replaces any
 * dependency.
 */
export async function testApi(
  options: {
    enabled?: string[];
    works?: MemoryGallery['works'];
    recipes?: Recipe[];
    remixRateLimits?: InferenceDeps['remixRateLimits'];
    /** fastify's own options (server.ts sets `logger` and `trustProxy`); none by default. */
    server?: Pick<FastifyServerOptions, 'logger' | 'trustProxy'>;
  } = {},
  over: Partial<InferenceServiceDeps> = {},
): Promise<TestApi> {
  const events = new MemoryRemixEvents();
  const queue = new MemoryRemixQueue(events);
  const storage = new MemoryStorage();
  const gallery = new MemoryGallery(options.works ?? {});
  const visitors = testVisitorSessions();
  const services = createInferenceServices({
    queue,
    events,
    storage,
    gallery,
    catalog: new ManifestCatalog(manifests, options.enabled),
    recipes: options.recipes ?? [],
    visitors,
    rateCounter: new MemoryRateCounter(),
    ...over,
  });
  const app = Fastify(options.server ?? {});
  await app.register(inferenceApp, { ...services, ...(options.remixRateLimits ? { remixRateLimits: options.remixRateLimits } : {}) });
  return { app, queue, events, storage, gallery, visitor: testVisitor(visitors), newVisitor: () => testVisitor(visitors) };
}
