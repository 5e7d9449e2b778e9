import { UnrecoverableError, type Job } from 'bullmq';
import { sha256Hex, type ObjectStorage } from '@atelier/common';
import { ModelFileError, modelRef } from '@atelier/models';
import sharp from 'sharp';
import { FAST_PNG, TEXTURED_PNG, decodeImage, encodePng, type DecodedImage } from '../runtime/pixels';
import { PhaseTimer } from '../runtime/phase-timer';
import type { SafetyScreen } from '../runtime/safety-screen';
import { outputKey, type RemixJobData, type RemixJobResult, type RemixOutputReady } from '../jobs/remix.job';
import type { ModelRun, ToolOutput } from '../tools';

export interface RemixProcessorDeps {
  storage: ObjectStorage;
  /** The enabled remix models and their tools' runners (tools/index.ts `modelRunners`); no other model runs. */
  models: ReadonlyMap<string, ModelRun>;
  /** The nsfwjs pre-screen; without it the result says `screened: false`. */
  safety?: Pick<SafetyScreen, 'report'>;
}

export type RemixJob = Pick<Job<RemixJobData, RemixJobResult>, 'data' | 'updateProgress'>;

/**
 * The remix job's processor: runs the model's tool, stores the PNG, announces it as the job's progress
 * (`RemixOutputReady`), then screens canvas and output. Idempotent: the output key derives from the remix id,
 * and a retry after the output was written reuses it instead of rendering twice.
 */
export function createRemixProcessor(deps: RemixProcessorDeps) {
  return async (job: RemixJob, _token?: string, signal?: AbortSignal): Promise<RemixJobResult> => {
    const { remixId, model, inputKey } = job.data;
    // A model switched off after the job was queued (or never a remix model) has no runner here.
    const runnable = deps.models.get(model);
    if (!runnable) throw new UnrecoverableError(`model ${model} cannot run here (unknown, switched off, or not a remix model)`);
    const { manifest, run } = runnable;
    // The params were checked against the tool the model had when queued: another tool cannot read them.
    if (job.data.tool && job.data.tool !== manifest.tool)
      throw new UnrecoverableError(`model ${model} now runs the ${manifest.tool} tool; this remix was queued for ${job.data.tool}`);
    const key = outputKey(remixId);
    const timer = new PhaseTimer();
    const fromWork = (job.data.params as { source?: string }).source === 'work';
    /**
     * The output is stored: announce it (the studio shows it now), then screen canvas and output for
     * moderation and finish. The screen no longer delays the visitor's result by two classifier runs.
     */
    const finish = async (png: Buffer, width: number, height: number, images: ToolOutput['screen']): Promise<RemixJobResult> => {
      const sha256 = await timer.time('hash', () => sha256Hex(png));
      const ready: RemixOutputReady['ready'] = { model: modelRef(manifest), output: { key, sha256, width, height }, finishedAt: new Date().toISOString() };
      await timer.time('announce', () => job.updateProgress({ progress: 1, ready } satisfies RemixOutputReady));
      const safety = await timer.time('screen', () => deps.safety?.report(images));
      return { ...ready, ...(safety ? { safety } : {}), timings: timer.rounded() };
    };

    if (await deps.storage.exists(key)) {
      // A retry after the output was written (a crash or a lost lock): reuse it rather than render twice.
      const png = await deps.storage.get(key);
      const meta = await sharp(png).metadata();
      signal?.throwIfAborted();
      return finish(png, meta.width ?? 0, meta.height ?? 0, fromWork ? {} : { input: await deps.storage.get(inputKey), output: png });
    }

    let canvas: Promise<DecodedImage> | undefined;
    // Progress is a nicety for the studio: the updates go out in order without the model waiting for each
    // Redis round trip, and a lost one does not fail the remix. They are flushed before the job finishes.
    let reported: Promise<unknown> = Promise.resolve();
    const report = (p: number) => (reported = reported.then(() => job.updateProgress(p)).catch(() => undefined));
    try {
      const out = await run({
        data: job.data,
        manifest,
        signal,
        timer,
        progress: async (p) => {
          signal?.throwIfAborted();
          report(p);
        },
        canvas: () =>
          (canvas ??= timer
            .time('read', () => deps.storage.get(inputKey))
            .then((bytes) => timer.time('decode', () => decodeImage(bytes)))),
      });
      signal?.throwIfAborted();
      const encoded = await timer.time('encode', () => encodePng(out.image.rgb, out.image.alpha ?? undefined, out.textured ? TEXTURED_PNG : FAST_PNG));
      signal?.throwIfAborted(); // a cancelled or timed-out remix writes no output
      await timer.time('store', () => deps.storage.put(key, encoded.png));
      await reported;
      return await finish(encoded.png, encoded.width, encoded.height, out.screen);
    } catch (err) {
      // A missing or tampered model file (or one whose graph is not its manifest's) will not fix itself by retrying.
      if (err instanceof ModelFileError) throw new UnrecoverableError(`model files not usable: ${err.message}`);
      throw err;
    }
  };
}
