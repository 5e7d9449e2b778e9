import { HttpError, badRequest, notFound, type CleanImage, type ObjectStorage } from '@atelier/common';
import { TOOL_PARAMS_SCHEMAS, worksNamedBy, type Remix, type RemixRequest, type Tool, type ToolParams } from '@atelier/contracts';
import { modelRef, type ModelManifest } from '@atelier/models';
import { isTransient } from '../jobs/errors';
import { inputKey, outputKey, type FairnessKey } from '../jobs/remix.job';
import { DuplicateSubmitError, unlimitedScheduler, type Scheduler } from './fair-scheduler';
import { checkCanvasSize } from './canvas-size';
import { GalleryUnavailableError, type GalleryClient } from './gallery';
import { QueueUnavailableError, type RemixQueue, type RemixSnapshot } from './remix-queue';
import { toRemix } from './remix-view';
import type { WorkerPresence } from './worker-presence';

/** A model a visitor may remix with, and the tool its manifest names. */
export interface RunnableModel {
  manifest: ModelManifest;
  tool: Tool;
}

/** The models as the manifests say (services/model-catalog.ts). */
export interface ModelCatalog {
  /** An enabled model whose manifest names a tool this service runs; undefined for any other id. */
  remixModel(id: string): RunnableModel | undefined;
  /** Any model's manifest, enabled or not. */
  manifest(id: string): ModelManifest | undefined;
}

export interface RemixServiceDeps {
  queue: RemixQueue;
  gallery: GalleryClient;
  storage: ObjectStorage;
  models: ModelCatalog;
  cleanImage(bytes: Uint8Array): Promise<CleanImage>;
  /** Quotas, fair order and estimates; without one, arrival order and no quotas. */
  scheduler?: Scheduler;
  /** The workers' heartbeats: a queued remix says when none is running (`waitingFor: 'worker'`). */
  workers?: Pick<WorkerPresence, 'count'>;
}

/** What a cancel did, for the route: the remix now, and whether it has stopped or is being stopped. */
export type CancelResult = { remix: Remix; outcome: 'cancelled' | 'stopping' | 'finished' } | null;

export class RemixService {
  private readonly scheduler: Scheduler;
  constructor(private readonly deps: RemixServiceDeps) {
    this.scheduler = deps.scheduler ?? unlimitedScheduler;
  }

  /**
   * Checks, stores the cleaned canvas and enqueues. The same requestId returns the existing remix
   * (`created: false`) before anything is decoded or stored, so a double submit is one remix. The model's
   * manifest names the tool, and `params` are checked against that tool's schema.
   */
  async create(request: RemixRequest, canvas: Uint8Array, session: FairnessKey): Promise<{ remix: Remix; created: boolean }> {
    const existing = await this.find(request.requestId);
    if (existing) {
      // The same requestId from another session names someone else's remix: theirs stays theirs.
      if (!ownedBy(existing.snapshot, session.sessionId)) throw requestIdTaken();
      return { remix: existing.remix, created: false };
    }

    const model = this.deps.models.remixModel(request.model);
    if (!model) throw new HttpError(400, 'unknown_model', `Model ${request.model} is not available here.`);
    const params = checkParams(model.tool, request.params);
    // Quotas before any decoding, so a visitor over the limit costs nothing; given back on any failure.
    let priority: number;
    try {
      ({ priority } = await this.guard(this.scheduler.admit(session, request.requestId)));
    } catch (err) {
      if (!(err instanceof DuplicateSubmitError)) throw err;
      const remix = await this.awaitCreated(request.requestId, session.sessionId);
      // The other submit's claim lapsed without a remix (its API crashed or lost Redis): this one makes it.
      return remix ? { remix, created: false } : this.create(request, canvas, session);
    }
    try {
      const named = worksNamedBy(model.tool, params);
      // Cleaning (libvips threads) and the collection check (a gallery-api round trip) do not depend on each
      // other, so they overlap; a bad upload is reported before an unknown work, as when they ran in turn.
      const [cleaned, checked] = await Promise.allSettled([
        this.deps.cleanImage(canvas),
        this.checkWorks([...new Set([...request.workIds, ...named.style, ...named.composed])]),
      ]);
      if (cleaned.status === 'rejected') throw cleaned.reason;
      if (checked.status === 'rejected') throw checked.reason;
      const clean = cleaned.value;
      checkCanvasSize(model.manifest, params, clean);
      const key = inputKey(request.requestId);
      await this.deps.storage.put(key, clean.png);
      await this.guard(
        this.deps.queue.add(
          {
            remixId: request.requestId,
            model: model.manifest.id,
            tool: model.tool,
            params,
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
    const remix = await this.get(request.requestId, session.sessionId);
    if (!remix) throw new Error(`remix ${request.requestId} vanished right after it was queued`);
    return { remix, created: true };
  }

  /**
   * The remix as its visitor sees it, or null when it is unknown or belongs to another visitor session (the
   * same answer: a remix id tells nobody else anything). Every read is on a visitor's behalf: gallery-api reads
   * at publish with the visitor's own session cookie.
   */
  async get(remixId: string, sessionId: string): Promise<Remix | null> {
    const found = await this.find(remixId);
    return found && ownedBy(found.snapshot, sessionId) ? found.remix : null;
  }

  private async find(remixId: string): Promise<{ snapshot: RemixSnapshot; remix: Remix } | null> {
    const snapshot = await this.guard(this.deps.queue.find(remixId));
    if (!snapshot) return null;
    const manifest = this.deps.models.manifest(snapshot.data.model);
    const current = manifest ? modelRef(manifest) : { id: snapshot.data.model, version: 'unknown', files: [] };
    const remix = toRemix(snapshot, current, manifest?.tool);
    // A remix whose output is out needs no estimate (and its job may still be running for the screen).
    if (remix.status !== 'queued' && remix.status !== 'running') return { snapshot, remix };
    // Nobody to run it: the visitor is told so rather than shown a place in a queue that does not move.
    if (remix.status === 'queued' && !remix.waitingFor && (await this.deps.workers?.count().catch(() => 1)) === 0) remix.waitingFor = 'worker';
    // An estimate is a nicety: Redis trouble here must not turn a status read into an error.
    const estimate = await this.scheduler
      .estimateSeconds({ id: remixId, model: snapshot.data.model, state: snapshot.state, position: snapshot.position, startedAt: snapshot.startedAt })
      .catch(() => undefined);
    if (estimate !== undefined) remix.estimateSeconds = estimate;
    return { snapshot, remix };
  }

  /** The visitor's remix, or 404 `remix_not_found` (also for another visitor's). */
  async read(remixId: string, sessionId: string): Promise<Remix> {
    const remix = await this.get(remixId, sessionId);
    if (!remix) throw notFound('remix_not_found', 'No such remix.');
    return remix;
  }

  /** The output PNG of the visitor's completed remix; 404 unknown, 409 `remix_not_ready` before its output is stored. */
  async output(remixId: string, sessionId: string): Promise<Buffer> {
    const remix = await this.read(remixId, sessionId);
    if (remix.status !== 'completed') throw new HttpError(409, 'remix_not_ready', `The remix is ${remix.status}.`);
    return this.deps.storage.get(outputKey(remix.id));
  }

  /**
   * A queued remix is taken out of the queue at once; a running one is asked to stop (the worker aborts
   * it between steps); a completed or failed one cannot be cancelled. Cancelling twice is fine. Only the
   * visitor's own remix: another's is unknown (null).
   */
  async cancel(remixId: string, sessionId: string): Promise<CancelResult> {
    if (!(await this.get(remixId, sessionId))) return null;
    const outcome = await this.guard(this.deps.queue.cancel(remixId));
    if (outcome === 'missing') return null;
    const remix = await this.get(remixId, sessionId);
    if (!remix) return null;
    // A remix whose output is out is finished for the visitor, even while its safety screen still runs.
    if (outcome === 'finished' || remix.status === 'completed') return { remix, outcome: 'finished' };
    return { remix, outcome: outcome === 'signalled' && remix.status === 'running' ? 'stopping' : 'cancelled' };
  }

  /** Redis answers (GET /health). */
  ping(): Promise<boolean> {
    return this.deps.queue.ping();
  }

  /**
   * A double submit in flight: answer with the remix the first request is creating (a few seconds at most), or null
   * once its claim lapsed with no remix made (that submit died: the caller makes it).
   */
  private async awaitCreated(remixId: string, sessionId: string): Promise<Remix | null> {
    for (let waited = 0; waited < 10_000; waited += 50) {
      const remix = await this.get(remixId, sessionId);
      if (remix) return remix;
      if (!(await this.guard(this.scheduler.submitting(remixId)))) return (await this.get(remixId, sessionId)) ?? null;
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

/** A remix belongs to the visitor session that submitted it (jobs from before sessions belong to nobody). */
const ownedBy = (snapshot: RemixSnapshot, sessionId: string): boolean => snapshot.data.fairness?.sessionId === sessionId;

const requestIdTaken = () => new HttpError(409, 'request_id_taken', 'This requestId is already used; send a new one.');

/** The request's params as the model's tool takes them; 400 `validation_failed` with the issues under `params`. */
function checkParams(tool: Tool, params: Record<string, unknown>): ToolParams {
  const parsed = TOOL_PARAMS_SCHEMAS[tool].safeParse(params);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['params', ...issue.path] }));
  throw badRequest('validation_failed', `The params do not fit the ${tool} tool.`, issues);
}
