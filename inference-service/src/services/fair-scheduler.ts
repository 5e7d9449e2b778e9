import { TooManyRequestsError } from '@atelier/common';
import type { FairnessKey } from '../jobs/remix.job';
import type { JobState, RemixQueue, WorkAhead } from './remix-queue';

export interface SessionLimits {
  /** Remixes a session may have queued or running at once. */
  maxPending: number;
  /** Submissions per session per hour window. */
  maxPerHour: number;
}

export type Reservation =
  /**
   * `rank`: the remix's place among its session's pending ones (1 = its first). `groupPlace`: among its group's, with
   * the group's pupils taking turns: how many of them have a rank no higher than this one's (0 without a group).
   */
  | { ok: true; rank: number; groupPlace: number }
  /** Another request with this remix id got here first (a double submit in flight). */
  | { ok: false; reason: 'duplicate'; retryAfterMs: 0 }
  | { ok: false; reason: 'pending' | 'hourly'; retryAfterMs: number };

/** The per-session bookkeeping of the fair queue (repositories/fairness.repository.ts keeps it in Redis). */
export interface FairnessStore {
  /** Atomically checks both quotas and reserves a slot for `remixId` (idempotent for the same id). */
  reserve(key: FairnessKey, remixId: string, limits: SessionLimits): Promise<Reservation>;
  /** Undoes a reservation whose job was never queued (it also gives the hourly unit back); a second call changes nothing. */
  release(key: FairnessKey, remixId: string): Promise<void>;
  /** The ids among `remixIds` whose submit is still under way: claimed (within its lease), its job not queued yet. */
  inFlight(remixIds: string[]): Promise<Set<string>>;
  /** Remix ids the session (and its group) still counts as pending. */
  pending(key: FairnessKey): Promise<{ session: string[]; group: string[] }>;
  /** Forgets finished remixes. */
  forget(key: FairnessKey, remixIds: string[]): Promise<void>;
  recordDuration(model: string, ms: number): Promise<void>;
  /** Mean of the recent durations of one model, or undefined before the first. */
  averageDuration(model: string): Promise<number | undefined>;
}

export interface FairnessLimits extends SessionLimits {
  /**
   * A workshop group counts as this many visitors: its k-th pending job ranks like a visitor's k/share-th, the k-th
   * counted with its pupils taking turns (round-robin), so one pupil's backlog does not hold back a classmate.
   */
  groupShare: number;
}

/** 429 `quota_exceeded` with the number of seconds after which the same visitor may try again (`Retry-After`). */
export class QuotaExceededError extends TooManyRequestsError {
  constructor(message: string, retryAfterSeconds: number) {
    super('quota_exceeded', message, retryAfterSeconds);
  }
}

/** The same remix id is being created by another request right now. */
export class DuplicateSubmitError extends Error {
  constructor(readonly remixId: string) {
    super(`remix ${remixId} is being created by another request`);
    this.name = 'DuplicateSubmitError';
  }
}

export interface Scheduler {
  /**
   * Claims the remix id and a slot within the session's quotas and returns the job's BullMQ priority;
   * throws QuotaExceededError (429) or DuplicateSubmitError.
   */
  admit(key: FairnessKey, remixId: string): Promise<{ priority: number }>;
  /** Gives the slot back when the job could not be queued after all. */
  release(key: FairnessKey, remixId: string): Promise<void>;
  /** Another submit of this remix id holds its claim now (it may have crashed: the claim's lease bounds that). */
  submitting(remixId: string): Promise<boolean>;
  /**
   * Seconds until the remix should be done, from recent run times of its own model and of the models queued
   * ahead of it and running; undefined while its model has no run time yet.
   */
  estimateSeconds(remix: EstimateSubject): Promise<number | undefined>;
}

export interface EstimateSubject {
  id: string;
  model: string;
  state: JobState;
  position?: number;
  startedAt?: number;
}

/** No quotas and plain arrival order: for tests and tools that run without the fairness store. */
export const unlimitedScheduler: Scheduler = {
  admit: async () => ({ priority: 1 }),
  release: async () => undefined,
  submitting: async () => false,
  estimateSeconds: async () => undefined,
};

const PENDING: ReadonlySet<JobState | null> = new Set(['queued', 'running']);

/**
 * Fair queuing by rank: a visitor's n-th pending remix gets BullMQ priority n, and equal priorities run
 * in arrival order. So everyone's first remix runs before anyone's second, a newcomer overtakes a busy
 * visitor's backlog, and a cap on pending remixes bounds how far back anyone can be pushed.
 */
export class FairScheduler implements Scheduler {
  /** Releases that failed (Redis was down) and are owed: remix id → its fairness key. */
  private readonly unreleased = new Map<string, FairnessKey>();

  constructor(
    private readonly store: FairnessStore,
    private readonly queue: Pick<RemixQueue, 'states' | 'capacity' | 'workAhead'>,
    private readonly limits: FairnessLimits,
  ) {}

  async admit(key: FairnessKey, remixId: string): Promise<{ priority: number }> {
    await this.releaseLeftovers();
    await this.prune(key);
    const r = await this.store.reserve(key, remixId, this.limits);
    if (!r.ok && r.reason === 'duplicate') throw new DuplicateSubmitError(remixId);
    if (!r.ok) {
      const seconds = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
      if (r.reason === 'pending')
        throw new QuotaExceededError(
          `You already have ${this.limits.maxPending} remixes waiting or running; wait for one to finish or cancel one.`,
          10,
        );
      throw new QuotaExceededError(
        `You have made ${this.limits.maxPerHour} remixes this hour; try again in ${Math.ceil(seconds / 60)} min.`,
        seconds,
      );
    }
    const groupRank = key.groupId ? Math.ceil(r.groupPlace / this.limits.groupShare) : 0;
    return { priority: Math.max(r.rank, groupRank) };
  }

  /**
   * Gives the slot back. When Redis cannot be reached (it failed mid-submit, which is why the submit is being undone),
   * the release is kept and done before the next admission, so the same requestId sent again is not refused as a
   * submit in progress; the claim's lease bounds it if this process goes away first.
   */
  async release(key: FairnessKey, remixId: string): Promise<void> {
    try {
      await this.store.release(key, remixId);
    } catch (err) {
      this.unreleased.set(remixId, key);
      throw err;
    }
  }

  async submitting(remixId: string): Promise<boolean> {
    return (await this.store.inFlight([remixId])).has(remixId);
  }

  private async releaseLeftovers(): Promise<void> {
    for (const [remixId, key] of [...this.unreleased]) {
      await this.store.release(key, remixId);
      this.unreleased.delete(remixId);
    }
  }

  async estimateSeconds({ id, model, state, position, startedAt }: EstimateSubject): Promise<number | undefined> {
    if (state !== 'queued' && state !== 'running') return undefined;
    const average = await this.store.averageDuration(model);
    if (average === undefined) return undefined;
    if (state === 'running') return Math.max(1, Math.ceil((average - (startedAt ? Date.now() - startedAt : 0)) / 1000));
    const [capacity, ahead] = await Promise.all([this.queue.capacity(), this.queue.workAhead(id)]);
    // It moved on between the two reads (started or left): the simple estimate is as good as any.
    if (!ahead) return queuedEstimateSeconds(average, position ?? 1, capacity);
    const models = [...new Set([...ahead.queued, ...ahead.running.map((r) => r.model)])];
    const averages = new Map(await Promise.all(models.map(async (m) => [m, await this.store.averageDuration(m)] as const)));
    // A model that has never run here counts like this remix's own.
    const ms = (m: string) => averages.get(m) ?? average;
    return estimateFromWorkAhead(ahead, ms, average, capacity, Date.now());
  }

  /**
   * Finished, failed, cancelled or expired remixes no longer count against the session. A remix with no job yet
   * counts while its submit holds the claim: simultaneous submits of one session each see the others (it was
   * dropped, and 10 at once got 8 past a cap of 3, all at rank 1).
   */
  private async prune(key: FairnessKey): Promise<void> {
    const { session, group } = await this.store.pending(key);
    const ids = [...new Set([...session, ...group])];
    if (!ids.length) return;
    const states = await this.queue.states(ids);
    const over = ids.filter((id) => !PENDING.has(states.get(id) ?? null));
    const submitting = await this.store.inFlight(over.filter((id) => states.get(id) == null));
    await this.store.forget(key, over.filter((id) => !submitting.has(id)));
  }
}

/**
 * The jobs ahead run `capacity` at a time, the ones running now are half done on average, then this one
 * runs. Uses the job's own model's average for all of them: the fallback when the queue could not be read.
 */
export function queuedEstimateSeconds(averageMs: number, position: number, capacity: number): number {
  const ahead = Math.max(0, position - 1);
  return Math.max(1, Math.ceil(((ahead / capacity + 0.5 + 1) * averageMs) / 1000));
}

/**
 * The work ahead (each queued job at its model's average run time; what is left of each running one, half of
 * its average when its start is unknown) shared by `capacity` slots, then this remix's own run. A queue
 * longer than what was read is extrapolated at the mean of what was. Shown as "about".
 */
export function estimateFromWorkAhead(
  ahead: WorkAhead,
  averageMs: (model: string) => number,
  ownMs: number,
  capacity: number,
  now: number,
): number {
  const read = ahead.queued.map(averageMs);
  const readMs = read.reduce((a, b) => a + b, 0);
  const unreadMs = read.length ? ((ahead.queuedCount - read.length) * readMs) / read.length : ahead.queuedCount * ownMs;
  const runningMs = ahead.running.reduce((sum, r) => {
    const avg = averageMs(r.model);
    return sum + (r.startedAt === undefined ? avg / 2 : Math.max(0, avg - (now - r.startedAt)));
  }, 0);
  return Math.max(1, Math.ceil(((readMs + unreadMs + runningMs) / Math.max(1, capacity) + ownMs) / 1000));
}
