import { UnrecoverableError, type Job } from 'bullmq';
import { sha256Hex, type ObjectStorage } from '@atelier/common';
import { ModelFileError, type ModelManifest } from '@atelier/models';
import sharp from 'sharp';
import { FAST_PNG, TEXTURED_PNG, decodeImage, encodePng, type DecodedImage, type ImageSource } from '../runtime/pixels';
import { PhaseTimer, type Timer } from '../runtime/phase-timer';
import { outputKey, type RemixJobData, type RemixJobResult, type RemixOutputReady } from '../jobs/remix.job';
import { TOOL_OF_MODEL, type Tool } from '../jobs/tools.job';
import type { GalleryClient } from '../repositories/gallery.client';
import { modelRef } from '../services/remix.service';
import type { LruMap } from '../runtime/lru';
import type { Cartoonizer } from '../runtime/models/cartoon';
import type { SubjectCutout } from '../runtime/models/cutout';
import type { FastStyle } from '../runtime/models/fast-style';
import type { MagentaStyle, StyleVector } from '../runtime/models/magenta-style';
import type { Upscaler } from '../runtime/models/upscale';
import type { SafetyScreen } from '../runtime/safety-screen';
import { createCartoonTool } from './cartoon.processor';
import { createCutoutTool } from './cutout.processor';
import { createFixedStyleTool } from './fixed-style.processor';
import { createStyleTool, type RecipeStyle } from './style.processor';
import { createUpscaleTool } from './upscale.processor';

export interface RemixProcessorDeps {
  storage: ObjectStorage;
  gallery: GalleryClient;
  magenta: MagentaStyle;
  /** Manifest lookup; a model without one never runs. */
  manifest(id: string): ModelManifest | undefined;
  /** Style vectors per `<model version>:<work id>`: a painting's style is computed once. */
  styleVectors: LruMap<string, StyleVector>;
  /** Adapters of the other tools; a tool whose adapter is absent fails its jobs without retry. */
  cutout?: SubjectCutout;
  upscaler?: Upscaler;
  cartoonizer?: Cartoonizer;
  fastStyle?: FastStyle;
  /** Curated styles with precomputed vectors. */
  recipe?: (id: string) => RecipeStyle | undefined;
  /** The nsfwjs pre-screen; without it the result says `screened: false`. */
  safety?: SafetyScreen;
  /** The operator's switch, checked again here for jobs queued before the model was switched off. */
  enabled?: (modelId: string) => boolean;
}

export type RemixJob = Pick<Job<RemixJobData, RemixJobResult>, 'data' | 'updateProgress'>;

/** What a tool processor gets from the remix processor around it. */
export interface ToolContext {
  data: RemixJobData;
  manifest: ModelManifest;
  /** Reports progress; throws first when the job was cancelled or timed out. */
  progress(percent: number): Promise<void>;
  /** Aborts on cancel or timeout: a tool calls `signal?.throwIfAborted()` between its steps. */
  signal?: AbortSignal;
  /** The visitor's uploaded canvas, read from storage and decoded once per job (every tensor is cut from it). */
  canvas(): Promise<DecodedImage>;
  /** Per-phase timings (decode, pre, run, post…) that end up in the job result. */
  timer: Timer;
}

export interface ToolOutput {
  /** The result's pixels; the remix processor encodes and stores them, then the safety screen reads them. */
  image: DecodedImage;
  /** What the safety pre-screen sees: the visitor's canvas and the result, never a collection work as it is. */
  screen: { input?: ImageSource; output?: ImageSource };
  /** Every pixel carries texture (a stylization): stored without zlib, which would save ≈2 % (pixels.ts). */
  textured?: boolean;
}

export type ToolRun = (ctx: ToolContext) => Promise<ToolOutput>;

/**
 * Runs one remix with the tool its model belongs to (style, cut-out, upscale, cartoon, fixed style), stores
 * the PNG, announces it as the job's progress (`RemixOutputReady`), then screens canvas and output.
 * Idempotent: the output key derives from the remix id, and a retry after the output was written reuses it
 * instead of rendering twice.
 */
export function createRemixProcessor(deps: RemixProcessorDeps) {
  const tools: Partial<Record<Tool, ToolRun>> = {
    style: createStyleTool(deps),
    ...(deps.cutout ? { cutout: createCutoutTool({ gallery: deps.gallery, cutout: deps.cutout }) } : {}),
    ...(deps.upscaler ? { upscale: createUpscaleTool({ gallery: deps.gallery, upscaler: deps.upscaler }) } : {}),
    ...(deps.cartoonizer ? { cartoon: createCartoonTool({ cartoonizer: deps.cartoonizer }) } : {}),
    ...(deps.fastStyle ? { 'fixed-style': createFixedStyleTool({ fastStyle: deps.fastStyle }) } : {}),
  };

  return async (job: RemixJob, _token?: string, signal?: AbortSignal): Promise<RemixJobResult> => {
    const { remixId, model, inputKey } = job.data;
    const manifest = deps.manifest(model);
    const tool = TOOL_OF_MODEL[model];
    const run = tool ? tools[tool] : undefined;
    if (!manifest || !run) throw new UnrecoverableError(`model ${model} cannot run here`);
    if (deps.enabled && !deps.enabled(model)) throw new UnrecoverableError(`model ${model} is switched off on this server`);
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
      await timer.time('announce', () => job.updateProgress({ percent: 100, ready } satisfies RemixOutputReady));
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
      // A missing or tampered model file will not fix itself by retrying.
      if (err instanceof ModelFileError) throw new UnrecoverableError(`model files not usable: ${err.message}`);
      throw err;
    }
  };
}
