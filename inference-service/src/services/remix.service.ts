import { HttpError, type CleanImage, type ObjectStorage } from '@atelier/common';
import type { ModelManifest } from '@atelier/models';
import { isTransient } from '../jobs/errors';
import { paramWorkIds } from '../jobs/tools.job';
import { inputKey, type FairnessKey, type ModelRef, type RemixParams } from '../jobs/remix.job';
import { GalleryUnavailableError, type GalleryClient } from '../repositories/gallery.client';
import { QueueUnavailableError, type RemixQueue } from '../repositories/remix-queue.repository';
import { ANONYMOUS_SESSION, DuplicateSubmitError, unlimitedScheduler, type Scheduler } from './fair-scheduler';
import { licenceFlags } from './model-catalog';
import { toRemix, type Remix } from './remix-view';

export interface RemixRequest {
  requestId: string;
  model: string;
  params: RemixParams;
  workIds: string[];
}

/** The models a visitor may run: manifest present, enabled by the operator, and an adapter in this service. */
export interface ModelCatalog {
  runnable(id: string): ModelManifest | undefined;
}

export interface RemixServiceDeps {
  queue: RemixQueue;
  gallery: GalleryClient;
  storage: ObjectStorage;
  models: ModelCatalog;
  cleanImage(bytes: Uint8Array): Promise<CleanImage>;
  /** Quotas, fair order and estimates; without one, arrival order and no quotas. */
  scheduler?: Scheduler;
}

/** What a cancel did, for the route: the remix now, and whether it has stopped or is being stopped. */
export type CancelResult = { remix: Remix; outcome: 'cancelled' | 'stopping' | 'finished' } | null;

/** What a remix reports as its model; the worker stores it with the result, so it is what actually ran. */
export const modelRef = (m: ModelManifest): ModelRef => ({
  id: m.id,
  version: m.version,
  files: m.files.map((f) => ({ name: f.name, sha256: f.sha256 })),
  licence: { spdx: m.licence.spdx, uri: m.licence.uri, flags: licenceFlags(m) },
});

export class RemixService {
  private readonly scheduler: Scheduler;
  constructor(private readonly deps: RemixServiceDeps) {
    this.scheduler = deps.scheduler ?? unlimitedScheduler;
  }

  /**
   * Validates, stores the cleaned canvas and enqueues. The same requestId returns the existing remix
   * (`created: false`) before anything is decoded or stored, so a double submit is one remix.
   */
  async create(
    request: RemixRequest,
    canvas: Uint8Array,
    session: FairnessKey = ANONYMOUS_SESSION,
  ): Promise<{ remix: Remix; created: boolean }> {
    const existing = await this.get(request.requestId);
    if (existing) return { remix: existing, created: false };

    const manifest = this.deps.models.runnable(request.model);
    if (!manifest) throw new HttpError(400, 'unknown_model', `Model ${request.model} is not available here.`);
    // Quotas before any decoding, so a visitor over the limit costs nothing; given back on any failure.
    let priority: number;
    try {
      ({ priority } = await this.guard(this.scheduler.admit(session, request.requestId)));
    } catch (err) {
      if (err instanceof DuplicateSubmitError) return { remix: await this.awaitCreated(request.requestId), created: false };
      throw err;
    }
    try {
      // Cleaning (libvips threads) and the collection check (a gallery-api round trip) do not depend on each
      // other, so they overlap; a bad upload is reported before an unknown work, as when they ran in turn.
      const [cleaned, checked] = await Promise.allSettled([
        this.deps.cleanImage(canvas),
        this.checkWorks([...new Set([...request.workIds, ...paramWorkIds(request.params)])]),
      ]);
      if (cleaned.status === 'rejected') throw cleaned.reason;
      if (checked.status === 'rejected') throw checked.reason;
      const clean = cleaned.value;
      const key = inputKey(request.requestId);
      await this.deps.storage.put(key, clean.png);
      await this.guard(
        this.deps.queue.add(
          {
            remixId: request.requestId,
            model: manifest.id,
            params: request.params,
            workIds: request.workIds,
            inputKey: key,
            inputSha256: clean.sha256,
            fairness: session,
          },
          { priority },
        ),
      );
    } catch (err) {
      await this.scheduler.release(session, request.requestId).catch(() => undefined);
      throw err;
    }
    const remix = await this.get(request.requestId);
    if (!remix) throw new Error(`remix ${request.requestId} vanished right after it was queued`);
    return { remix, created: true };
  }

  async get(remixId: string): Promise<Remix | null> {
    const snapshot = await this.guard(this.deps.queue.find(remixId));
    if (!snapshot) return null;
    const manifest = this.deps.models.runnable(snapshot.data.model);
    const current: ModelRef = manifest ? modelRef(manifest) : { id: snapshot.data.model, version: 'unknown', files: [] };
    const remix = toRemix(snapshot, current);
    // A remix whose output is out needs no estimate (and its job may still be running for the screen).
    if (remix.status !== 'queued' && remix.status !== 'running') return remix;
    // An estimate is a nicety: Redis trouble here must not turn a status read into an error.
    const estimate = await this.scheduler
      .estimateSeconds({ id: remixId, model: snapshot.data.model, state: snapshot.state, position: snapshot.position, startedAt: snapshot.startedAt })
      .catch(() => undefined);
    if (estimate !== undefined) remix.estimateSeconds = estimate;
    return remix;
  }

  /**
   * A queued remix is taken out of the queue at once; a running one is asked to stop (the worker aborts
   * it between steps); a completed or failed one cannot be cancelled. Cancelling twice is fine.
   */
  async cancel(remixId: string): Promise<CancelResult> {
    const outcome = await this.guard(this.deps.queue.cancel(remixId));
    if (outcome === 'missing') return null;
    const remix = await this.get(remixId);
    if (!remix) return null;
    // A remix whose output is out is finished for the visitor, even while its safety screen still runs.
    if (outcome === 'finished' || remix.status === 'completed') return { remix, outcome: 'finished' };
    return { remix, outcome: outcome === 'signalled' && remix.status === 'running' ? 'stopping' : 'cancelled' };
  }

  /** A double submit in flight: answer with the remix the first request is creating (a few seconds at most). */
  private async awaitCreated(remixId: string): Promise<Remix> {
    for (let waited = 0; waited < 10_000; waited += 50) {
      const remix = await this.get(remixId);
      if (remix) return remix;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new HttpError(409, 'remix_in_progress', 'This remix is still being submitted; try again shortly.');
  }

  private async guard<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (err) {
      if (err instanceof QueueUnavailableError || isTransient(err))
        throw new HttpError(503, 'queue_unavailable', 'Remixing is unavailable right now; try again shortly.');
      throw err;
    }
  }

  private async checkWorks(ids: string[]): Promise<void> {
    let works;
    try {
      works = await this.deps.gallery.checkWorks(ids);
    } catch (err) {
      if (err instanceof GalleryUnavailableError)
        throw new HttpError(503, 'gallery_unavailable', 'The collection cannot be reached right now; try again shortly.');
      throw err;
    }
    const byId = new Map(works.map((w) => [w.id, w]));
    const unknown = ids.filter((id) => (byId.get(id)?.status ?? 'unknown') === 'unknown');
    if (unknown.length)
      throw new HttpError(400, 'unknown_work', `Unknown collection work: ${unknown.join(', ')}.`, { workIds: unknown });
    const refused = works.filter((w) => w.status === 'refused' && ids.includes(w.id));
    if (refused.length)
      throw new HttpError(
        422,
        'work_not_remixable',
        `This work may not be remixed: ${refused.map((w) => `${w.id} (${w.reason ?? 'licence'})`).join(', ')}.`,
        { works: refused.map((w) => ({ id: w.id, reason: w.reason ?? null })) },
      );
  }
}
