import {
  assertStorageRoom,
  cleanImageUpload,
  RateLimiter,
  storageRoom,
  type RateCounter,
  type StorageRoom,
  type UploadLimits,
  type VisitorSessions,
} from '@atelier/common';
import type { PupilSessions } from '@atelier/common/pupil-session';
import type { Recipe } from '@atelier/prompts';
import type { ModelListing } from '@atelier/contracts';
import type { ManifestCatalog } from './model-catalog';
import { RecipeCatalog } from './recipe-catalog';
import type { RemixEventSource } from './remix-events';
import { RemixService, type RemixServiceDeps } from './remix.service';
import { RemixStreamService } from './remix-stream.service';
import { fixedWorkers, type WorkerPresence } from './worker-presence';

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
  /** GET /models: every manifest, the enabled ones saying whether a worker has them warmed (`ready`). */
  models: { list(): Promise<ModelListing[]> };
  recipes: RecipeCatalog;
  /** The visitor sessions every remix is bound to (signed cookie, the same secret as gallery-api's). */
  visitors: VisitorSessions;
  /** Per-session and per-address limits, counted in `rateCounter` (Redis in server.ts). */
  limiter: RateLimiter;
  /** Workshop pupils' cookies (common/pupil-session.ts): a pupil's remixes queue as their class's group. */
  pupils?: Pick<PupilSessions, 'of'>;
  /** GET /health: Redis answers, workers beat, the storage has room (all three or 503). */
  health(): Promise<InferenceHealth>;
  /** 507 `storage_full` when the storage is below its minimum: checked before an upload is read. */
  assertUploadRoom(): Promise<void>;
}

export interface InferenceHealth {
  ok: boolean;
  redis: boolean;
  /** Workers whose heartbeat has not lapsed. */
  workers: number;
  storage: StorageRoom;
  /** Enabled models the workers have warmed, and those still warming (a remix of one of these waits for its load). */
  models: { ready: string[]; warming: string[] };
}

export interface InferenceServiceDeps extends Omit<RemixServiceDeps, 'models' | 'cleanImage'> {
  events: RemixEventSource;
  catalog: ManifestCatalog;
  recipes: readonly Recipe[];
  visitors: VisitorSessions;
  /** Signed with the same secret as gallery-api's; none: no remix is queued as a workshop group. */
  pupils?: Pick<PupilSessions, 'of'>;
  rateCounter: RateCounter;
  /** Tests may stand in for the upload check; the API cleans with CANVAS_LIMITS. */
  cleanImage?: RemixServiceDeps['cleanImage'];
  /** The workers' heartbeats (server.ts: RedisWorkerRegistry); tests without one count one worker. */
  workers?: WorkerPresence;
  /** Below this much room in storage, uploads are refused (507) and /health answers 503 (INFERENCE_STORAGE_MIN_FREE_MB). */
  storageMinFreeBytes?: number;
}

/** The API's services, built once from its repositories (server.ts is the composition root; tests pass fakes). */
export function createInferenceServices(deps: InferenceServiceDeps): InferenceServices {
  const workers = deps.workers ?? fixedWorkers(1);
  const remixes = new RemixService({
    queue: deps.queue,
    gallery: deps.gallery,
    storage: deps.storage,
    models: deps.catalog,
    cleanImage: deps.cleanImage ?? ((bytes) => cleanImageUpload(bytes, CANVAS_LIMITS)),
    scheduler: deps.scheduler,
    workers,
  });
  const minFree = deps.storageMinFreeBytes ?? 0;
  return {
    remixes,
    streams: new RemixStreamService({ remixes, events: deps.events, workers }),
    models: { list: () => listModels(deps.catalog, workers) },
    recipes: new RecipeCatalog(deps.recipes, deps.catalog),
    visitors: deps.visitors,
    ...(deps.pupils ? { pupils: deps.pupils } : {}),
    limiter: new RateLimiter(deps.rateCounter, (purpose, value) => deps.visitors.pseudonym(purpose, value)),
    health: async () => {
      const [redis, count, storage, listed] = await Promise.all([
        remixes.ping(),
        workers.count().catch(() => 0),
        storageRoom(deps.storage, minFree),
        listModels(deps.catalog, workers),
      ]);
      const enabled = listed.filter((m) => m.enabled);
      const models = { ready: enabled.filter((m) => m.ready).map((m) => m.id), warming: enabled.filter((m) => !m.ready).map((m) => m.id) };
      return { ok: redis && count > 0 && storage.ok, redis, workers: count, storage, models };
    },
    assertUploadRoom: () => assertStorageRoom(deps.storage, minFree),
  };
}

/** The catalogue with `ready` on each enabled model, from the workers' heartbeats (all ready when they do not say). */
async function listModels(catalog: Pick<ManifestCatalog, 'list'>, workers: WorkerPresence): Promise<ModelListing[]> {
  const ready = await workers.readyModels().catch(() => null);
  return catalog.list().map((m) => (m.enabled ? { ...m, ready: !ready || ready.has(m.id) } : m));
}
