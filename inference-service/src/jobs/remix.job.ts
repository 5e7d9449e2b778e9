import type { CheckedRemixRequest, ModelRef, SafetyReport, Tool } from '@atelier/contracts';
import { PRINT_JOB } from './print.job';

/** The remix queue's names and payloads. Payloads carry ids and storage keys, never image bytes. */
export const REMIX_QUEUE = 'remix';
export const REMIX_JOB = 'remix';
/** Every job name the worker must have a processor for: a worker without one refuses to start. */
export const REMIX_JOB_NAMES = [REMIX_JOB, PRINT_JOB] as const;

/** A checked remix request (contracts) as the queue keeps it: the job is the remix record. */
export interface RemixJobData extends Pick<CheckedRemixRequest, 'model' | 'params' | 'workIds'> {
  remixId: string;
  /** The model's tool when the remix was queued (its manifest's): what `params` were checked against. */
  tool: Tool;
  inputKey: string;
  /** sha256 of the cleaned input PNG, kept for provenance (not image data). */
  inputSha256: string;
  /** Who the queue is fair between: a random studio session id, never personal data (absent on old jobs). */
  fairness?: FairnessKey;
  /** Set while the job waits for gallery-api to answer again (processors/index.ts): since when, and how many tries. */
  waiting?: { for: 'collection'; since: number; tries: number };
}

export interface RemixJobResult {
  model: ModelRef;
  output: { key: string; sha256: string; width: number; height: number };
  finishedAt: string;
  /** The nsfwjs pre-screen of canvas and output (absent on jobs from before it existed). */
  safety?: SafetyReport;
  /** Filled in by the worker wrapper (processors/index.ts); processors may add their own phases. */
  timings?: JobTimings;
}

/**
 * The job's progress once the output is stored, before the safety screen runs: the remix is complete for the
 * visitor (the event stream sends `completed`) while the screen's report, which only moderation reads, follows
 * when the job finishes (`screened`). The job stays active meanwhile, so a crash still retries it and nothing
 * is lost. Any other progress is a fraction 0..1.
 */
export interface RemixOutputReady {
  progress: 1;
  ready: Omit<RemixJobResult, 'safety' | 'timings'>;
}

/** The output a job's progress announces, if it is a `RemixOutputReady`. */
export function outputReadyOf(progress: unknown): RemixOutputReady['ready'] | undefined {
  const ready = (progress as Partial<RemixOutputReady> | null)?.ready;
  return typeof progress === 'object' && ready && typeof ready.output?.key === 'string' ? ready : undefined;
}

/** A job's progress as the fraction 0..1 it is reported in (an announced output counts as done). */
export function progressOf(progress: unknown): number {
  if (outputReadyOf(progress)) return 1;
  return typeof progress === 'number' && Number.isFinite(progress) ? Math.min(1, Math.max(0, progress)) : 0;
}

/** Milliseconds per phase; `queueMs` is enqueue → start of the last attempt. */
export interface JobTimings {
  queueMs?: number;
  processMs?: number;
  [phase: string]: number | undefined;
}

/** A pseudonymous studio session and, later, the workshop group it belongs to. */
export interface FairnessKey {
  sessionId: string;
  groupId?: string;
}

export const inputKey = (remixId: string) => `inputs/${remixId}.png`;
export const outputKey = (remixId: string) => `outputs/${remixId}.png`;

export const REMIX_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  // The job is the remix record: keep finished ones long enough for the visitor to publish.
  removeOnComplete: { age: 14 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 50_000 },
} as const;
