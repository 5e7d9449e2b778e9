import type { SafetyReport, ToolParams } from './tools.job';

/** The remix queue's names and payloads. Payloads carry ids and storage keys, never image bytes. */
export const REMIX_QUEUE = 'remix';
export const REMIX_JOB = 'remix';
/** Every job name the worker must have a processor for. */
export const REMIX_JOB_NAMES = [REMIX_JOB] as const;
export type RemixJobName = (typeof REMIX_JOB_NAMES)[number];

/** Per-tool parameters (jobs/tools.job.ts); the job's `model` says which shape applies. */
export type RemixParams = ToolParams;

export interface RemixJobData {
  remixId: string;
  model: string;
  params: RemixParams;
  workIds: string[];
  inputKey: string;
  /** sha256 of the cleaned input PNG, kept for provenance (not image data). */
  inputSha256: string;
  /** Who the queue is fair between: a random studio session id, never personal data (absent on old jobs). */
  fairness?: FairnessKey;
}

/** The licence marks a model's manifest can set (services/model-catalog.ts `licenceFlags` maps them). */
export const MODEL_LICENCE_FLAGS = ['non_commercial', 'licence_not_stated'] as const;
export type ModelLicenceFlag = (typeof MODEL_LICENCE_FLAGS)[number];

/** The model's licence as its manifest states it: it travels with the remix into a creation's provenance. */
export interface ModelLicence {
  /** null when the weights state no licence (then `flags` has `licence_not_stated`). */
  spdx: string | null;
  uri: string | null;
  flags: ModelLicenceFlag[];
}

export interface ModelRef {
  id: string;
  version: string;
  files: { name: string; sha256: string }[];
  /** Optional: results stored in Redis before the licence was recorded have none (kept up to 14 days). */
  licence?: ModelLicence;
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
 * visitor (the studio shows it at once) while the screen's report, which only moderation reads, follows when
 * the job finishes. The job stays active meanwhile, so a crash still retries it and nothing is lost.
 */
export interface RemixOutputReady {
  percent: 100;
  ready: Omit<RemixJobResult, 'safety' | 'timings'>;
}

/** The output a job's progress announces, if it is a `RemixOutputReady`. */
export function outputReadyOf(progress: unknown): RemixOutputReady['ready'] | undefined {
  const ready = (progress as Partial<RemixOutputReady> | null)?.ready;
  return typeof progress === 'object' && ready && typeof ready.output?.key === 'string' ? ready : undefined;
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
