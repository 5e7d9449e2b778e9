import { UnrecoverableError, type Job } from 'bullmq';
import { sha256Hex, type ObjectStorage } from '@atelier/common';
import { ModelFileError, type ModelManifest } from '@atelier/models';
import sharp from 'sharp';
import { outputKey, type RemixJobData, type RemixJobResult } from '../jobs/remix.job';
import type { GalleryClient } from '../repositories/gallery.client';
import { modelRef } from '../services/remix.service';
import type { LruMap } from '../runtime/lru';
import { MAGENTA_MODEL_ID, type MagentaStyle, type StyleVector } from '../runtime/models/magenta-style';

export interface RemixProcessorDeps {
  storage: ObjectStorage;
  gallery: GalleryClient;
  magenta: MagentaStyle;
  /** Manifest lookup; a model without one never runs. */
  manifest(id: string): ModelManifest | undefined;
  /** Style vectors per `<model version>:<work id>`: a painting's style is computed once. */
  styleVectors: LruMap<string, StyleVector>;
}

export type RemixJob = Pick<Job<RemixJobData, RemixJobResult>, 'data' | 'updateProgress'>;

/**
 * Runs one remix: canvas + style work → stylised PNG. Idempotent: the output key derives from the remix
 * id, and a retry after the output was written reuses it instead of rendering twice.
 */
export function createRemixProcessor(deps: RemixProcessorDeps) {
  return async (job: RemixJob): Promise<RemixJobResult> => {
    const { remixId, model, params, inputKey } = job.data;
    const manifest = deps.manifest(model);
    if (!manifest || model !== MAGENTA_MODEL_ID) throw new UnrecoverableError(`model ${model} cannot run here`);
    const key = outputKey(remixId);
    const done = (png: Buffer, width: number, height: number): RemixJobResult => ({
      model: modelRef(manifest),
      output: { key, sha256: sha256Hex(png), width, height },
      finishedAt: new Date().toISOString(),
    });

    if (await deps.storage.exists(key)) {
      const png = await deps.storage.get(key);
      const meta = await sharp(png).metadata();
      await job.updateProgress(100);
      return done(png, meta.width ?? 0, meta.height ?? 0);
    }

    try {
      const canvas = await deps.storage.get(inputKey);
      await job.updateProgress(10);
      const cacheKey = `${manifest.version}:${params.styleWorkId}`;
      let style = deps.styleVectors.get(cacheKey);
      if (!style) {
        style = await deps.magenta.styleVector(await deps.gallery.workImage(params.styleWorkId));
        deps.styleVectors.set(cacheKey, style);
      }
      await job.updateProgress(40);
      const out = await deps.magenta.stylize(canvas, style, params.strength);
      await job.updateProgress(90);
      await deps.storage.put(key, out.png);
      await job.updateProgress(100);
      return done(out.png, out.width, out.height);
    } catch (err) {
      // A missing or tampered model file will not fix itself by retrying.
      if (err instanceof ModelFileError) throw new UnrecoverableError(`model files not usable: ${err.message}`);
      throw err;
    }
  };
}
