import { cleanImageUpload, RateLimiter, type RateCounter, type UploadLimits, type VisitorSessions } from '@atelier/common';
import type { Recipe } from '@atelier/prompts';
import type { ManifestCatalog } from './model-catalog';
import { RecipeCatalog } from './recipe-catalog';
import type { RemixEventSource } from './remix-events';
import { RemixService, type RemixServiceDeps } from './remix.service';
import { RemixStreamService } from './remix-stream.service';

/**
 * The stored canvas is an intermediate file on this server's disk that the worker reads once, so it is a
 * stored (uncompressed) PNG: at 512² that is ≈3 ms to write and ≈3 ms to decode instead of ≈16 and ≈7 at zlib
 * level 1, which saved only 2 % on a painted canvas (`npm run bench`). It never travels to a browser.
 */
export const CANVAS_LIMITS: UploadLimits = { maxBytes: 20 * 1024 * 1024, maxPixels: 4096 * 4096, maxSide: 4096, compressionLevel: 0 };

/** What the API's routes call: each route is its schema and one call on one of these. */
export interface InferenceServices {
  remixes: RemixService;
  streams: RemixStreamService;
  models: Pick<ManifestCatalog, 'list'>;
  recipes: RecipeCatalog;
  /** The visitor sessions every remix is bound to (signed cookie, the same secret as gallery-api's). */
  visitors: VisitorSessions;
  /** Per-session and per-address limits, counted in `rateCounter` (Redis in server.ts). */
  limiter: RateLimiter;
}

export interface InferenceServiceDeps extends Omit<RemixServiceDeps, 'models' | 'cleanImage'> {
  events: RemixEventSource;
  catalog: ManifestCatalog;
  recipes: readonly Recipe[];
  visitors: VisitorSessions;
  rateCounter: RateCounter;
  /** Tests may stand in for the upload check; the API cleans with CANVAS_LIMITS. */
  cleanImage?: RemixServiceDeps['cleanImage'];
}

/** The API's services, built once from its repositories (server.ts is the composition root; tests pass fakes). */
export function createInferenceServices(deps: InferenceServiceDeps): InferenceServices {
  const remixes = new RemixService({
    queue: deps.queue,
    gallery: deps.gallery,
    storage: deps.storage,
    models: deps.catalog,
    cleanImage: deps.cleanImage ?? ((bytes) => cleanImageUpload(bytes, CANVAS_LIMITS)),
    scheduler: deps.scheduler,
  });
  return {
    remixes,
    streams: new RemixStreamService({ remixes, events: deps.events }),
    models: deps.catalog,
    recipes: new RecipeCatalog(deps.recipes, deps.catalog),
    visitors: deps.visitors,
    limiter: new RateLimiter(deps.rateCounter, (purpose, value) => deps.visitors.pseudonym(purpose, value)),
  };
}
