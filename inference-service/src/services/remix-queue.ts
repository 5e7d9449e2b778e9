import type { RemixJobData, RemixJobResult, RemixOutputReady } from '../jobs/remix.job';

/**
 * The remix queue as the services use it (implemented by repositories/remix-queue.repository.ts on BullMQ, and
 * by MemoryRemixQueue in remix-queue.fake.ts; remix-queue.contract.ts holds both to the same behaviour).
 */
export interface RemixQueue {
  find(remixId: string): Promise<RemixSnapshot | null>;
  /**
   * Adds the job with jobId = remixId; a second add with the same id changes nothing. A lower
   * `priority` (≥ 1) runs first; equal priorities run in arrival order.
   */
  add(data: RemixJobData, options?: { priority?: number }): Promise<void>;
  /**
   * Queued: removed, and a tombstone keeps it readable as `cancelled` ('removed'). Running: the worker is told
   * to abort ('signalled'). Completed, failed, or running with its output announced: 'finished'. Cancelled
   * before: 'cancelled'. Unknown: 'missing'.
   */
  cancel(remixId: string): Promise<CancelOutcome>;
  /** States of several remixes at once; null for ones that no longer exist. */
  states(remixIds: string[]): Promise<Map<string, JobState | null>>;
  /** Jobs the attached workers can run at once (for estimates); at least 1. */
  capacity(): Promise<number>;
  /** What runs before a queued remix (for its estimate); null when it is not queued (any more). */
  workAhead(remixId: string): Promise<WorkAhead | null>;
  ping(): Promise<boolean>;
}

export type JobState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** What a cancel did: removed a queued job, asked a worker to stop, or found it already over. */
export type CancelOutcome = 'removed' | 'signalled' | 'finished' | 'cancelled' | 'missing';

/** A remix as the queue holds it: the job is the record, so a restart loses nothing. */
export interface RemixSnapshot {
  data: RemixJobData;
  state: JobState;
  /** 0..1 (jobs/remix.job.ts `progressOf`). */
  progress: number;
  /** 1 = next to run; only while queued. */
  position?: number;
  /** Queued, waiting to be tried again once the collection answers (processors/index.ts). */
  waitingFor?: 'collection';
  result?: RemixJobResult;
  /** Running, but the output is stored and announced; the safety screen is what is left (jobs/remix.job.ts). */
  ready?: RemixOutputReady['ready'];
  failedReason?: string;
  createdAt: number;
  /** When the current attempt started (running only). */
  startedAt?: number;
}

/** The models of the remixes a queued one waits for: those queued ahead of it, in order, and those running. */
export interface WorkAhead {
  /** Models of the first queued jobs ahead (at most WORK_AHEAD_READ of them). */
  queued: string[];
  /** How many are queued ahead in all (position − 1); more than `queued.length` in a very long queue. */
  queuedCount: number;
  running: { model: string; startedAt?: number }[];
}

/** Jobs ahead whose model is read for an estimate; a longer queue is extrapolated from these. */
export const WORK_AHEAD_READ = 200;

/** Redis could not be reached; the remix state is unknown rather than absent. */
export class QueueUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`remix queue unavailable: ${(cause as Error)?.message ?? cause}`);
    this.name = 'QueueUnavailableError';
  }
}
