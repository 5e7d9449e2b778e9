/** The remix queue's names and payloads. Payloads carry ids and storage keys, never image bytes. */
export const REMIX_QUEUE = 'remix';
export const REMIX_JOB = 'remix';
/** Every job name the worker must have a processor for. */
export const REMIX_JOB_NAMES = [REMIX_JOB] as const;
export type RemixJobName = (typeof REMIX_JOB_NAMES)[number];

export interface RemixParams {
  styleWorkId: string;
  strength: number;
}

export interface RemixJobData {
  remixId: string;
  model: string;
  params: RemixParams;
  workIds: string[];
  inputKey: string;
  /** sha256 of the cleaned input PNG, kept for provenance (not image data). */
  inputSha256: string;
}

export interface ModelRef {
  id: string;
  version: string;
  files: { name: string; sha256: string }[];
}

export interface RemixJobResult {
  model: ModelRef;
  output: { key: string; sha256: string; width: number; height: number };
  finishedAt: string;
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
