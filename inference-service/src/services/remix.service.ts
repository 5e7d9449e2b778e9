import { HttpError, type CleanImage, type ObjectStorage } from '@atelier/common';
import type { ModelManifest } from '@atelier/models';
import { inputKey, type ModelRef, type RemixParams } from '../jobs/remix.job';
import { GalleryUnavailableError, type GalleryClient } from '../repositories/gallery.client';
import { QueueUnavailableError, type RemixQueue } from '../repositories/remix-queue.repository';
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
}

export const modelRef = (m: ModelManifest): ModelRef => ({
  id: m.id,
  version: m.version,
  files: m.files.map((f) => ({ name: f.name, sha256: f.sha256 })),
});

export class RemixService {
  constructor(private readonly deps: RemixServiceDeps) {}

  /**
   * Validates, stores the cleaned canvas and enqueues. The same requestId returns the existing remix
   * (`created: false`) before anything is decoded or stored, so a double submit is one remix.
   */
  async create(request: RemixRequest, canvas: Uint8Array): Promise<{ remix: Remix; created: boolean }> {
    const existing = await this.get(request.requestId);
    if (existing) return { remix: existing, created: false };

    const manifest = this.deps.models.runnable(request.model);
    if (!manifest) throw new HttpError(400, 'unknown_model', `Model ${request.model} is not available here.`);
    const clean = await this.deps.cleanImage(canvas);
    await this.checkWorks([...new Set([...request.workIds, request.params.styleWorkId])]);

    const key = inputKey(request.requestId);
    await this.deps.storage.put(key, clean.png);
    await this.guard(this.deps.queue.add({
      remixId: request.requestId,
      model: manifest.id,
      params: request.params,
      workIds: request.workIds,
      inputKey: key,
      inputSha256: clean.sha256,
    }));
    const remix = await this.get(request.requestId);
    if (!remix) throw new Error(`remix ${request.requestId} vanished right after it was queued`);
    return { remix, created: true };
  }

  async get(remixId: string): Promise<Remix | null> {
    const snapshot = await this.guard(this.deps.queue.find(remixId));
    if (!snapshot) return null;
    const manifest = this.deps.models.runnable(snapshot.data.model);
    const current: ModelRef = manifest ? modelRef(manifest) : { id: snapshot.data.model, version: 'unknown', files: [] };
    return toRemix(snapshot, current);
  }

  private async guard<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (err) {
      if (err instanceof QueueUnavailableError)
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
