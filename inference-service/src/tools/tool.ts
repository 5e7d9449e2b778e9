import type { ModelManifest } from '@atelier/models';
import type { RemixJobData } from '../jobs/remix.job';
import type { Timer } from '../runtime/phase-timer';
import type { DecodedImage, ImageSource } from '../runtime/pixels';

/** What a tool runner gets from the remix processor around it. */
export interface ToolContext {
  data: RemixJobData;
  manifest: ModelManifest;
  /** Reports progress as a fraction 0..1; throws first when the job was cancelled or timed out. */
  progress(fraction: number): Promise<void>;
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

/** One remix tool running one model: not a job processor (processors/remix.processor.ts is), a step inside it. */
export type ToolRun = (ctx: ToolContext) => Promise<ToolOutput>;
