import { UnrecoverableError, type Job } from 'bullmq';
import { sha256Hex, type ObjectStorage } from '@atelier/common';
import { ModelFileError, modelRef } from '@atelier/models';
import sharp from 'sharp';
import { isPrintJob, printKey } from '../jobs/print.job';
import type { RemixJobData, RemixJobResult } from '../jobs/remix.job';
import { FAST_PNG, encodePng } from '../runtime/pixels';
import { PhaseTimer } from '../runtime/phase-timer';
import type { RemixModel } from '../runtime/engine';
import type { Upscaler } from '../runtime/models/upscale';

/** Where a print's source comes from: the approved creation's full image, as gallery-api serves it to anyone. */
export interface CreationImageSource {
  creationImage(creationId: string): Promise<Buffer>;
}

export interface PrintProcessorDeps {
  storage: ObjectStorage;
  creations: CreationImageSource;
  /** The enabled remix models; a print runs only on one whose tool is `upscale`. */
  models: readonly RemixModel[];
}

/**
 * The `print` job's processor (jobs/print.job.ts): reads the approved creation's full image from gallery-api,
 * upscales it tiled so its long side is the paper's (Upscaler.toLongSide) and stores `prints/<id>.png`. Idempotent:
 * a retry after the file was written reuses it.
 */
export function createPrintProcessor(deps: PrintProcessorDeps) {
  const upscalers = new Map(deps.models.flatMap((m) => (m.tool === 'upscale' ? [[m.manifest.id, m] as const] : [])));
  return async (job: Pick<Job<RemixJobData, RemixJobResult>, 'data' | 'updateProgress'>, _token?: string, signal?: AbortSignal): Promise<RemixJobResult> => {
    const data = job.data;
    if (!isPrintJob(data)) throw new UnrecoverableError('a print job without a creation');
    const model = upscalers.get(data.model);
    if (!model) throw new UnrecoverableError(`model ${data.model} cannot make prints here (unknown, switched off, or not an upscaler)`);
    const key = printKey(data.remixId);
    const timer = new PhaseTimer();
    const result = (png: Buffer, width: number, height: number) => ({
      model: modelRef(model.manifest),
      output: { key, sha256: sha256Hex(png), width, height },
      finishedAt: new Date().toISOString(),
      timings: timer.rounded(),
    });
    if (await deps.storage.exists(key)) {
      const png = await deps.storage.get(key);
      const meta = await sharp(png).metadata();
      return result(png, meta.width ?? 0, meta.height ?? 0);
    }
    try {
      const source = await timer.time('read', () => deps.creations.creationImage(data.print.creationId));
      const upscaler = model.adapter as Upscaler;
      const out = await upscaler.toLongSide(source, data.print.longSide, { timer, signal });
      signal?.throwIfAborted();
      const encoded = await timer.time('encode', () => encodePng(out.rgb, out.alpha ?? undefined, FAST_PNG));
      signal?.throwIfAborted();
      await timer.time('store', () => deps.storage.put(key, encoded.png));
      return result(encoded.png, encoded.width, encoded.height);
    } catch (err) {
      if (err instanceof ModelFileError) throw new UnrecoverableError(`model files not usable: ${err.message}`);
      throw err;
    }
  };
}
