/**
 * Redis keys and channels that the API and the workers share beside BullMQ's own. All live under the
 * queue prefix, so a test's private prefix isolates them too.
 */
export const remixKeys = (prefix: string) => ({
  /** Set while a cancel was asked for; a worker checks it before starting the job. */
  cancelFlag: (remixId: string) => `${prefix}:remix:cancel:${remixId}`,
  /** The record of a queued remix that was cancelled (its BullMQ job is removed). */
  tombstone: (remixId: string) => `${prefix}:remix:cancelled:${remixId}`,
  /** Workers listen here to abort a running job. */
  cancelChannel: `${prefix}:remix:cancel`,
  /**
   * Taken by the one request that creates a remix, for as long as a submit may take (CLAIM_LEASE_MS): a concurrent
   * double submit sees it and waits, and the fair queue counts the remix as pending before its job exists.
   */
  claim: (remixId: string) => `${prefix}:remix:claim:${remixId}`,
  /** Remix ids a session has queued or running (pruned lazily). */
  sessionPending: (sessionId: string) => `${prefix}:fair:session:${sessionId}`,
  /**
   * A workshop group's queued or running remix ids, each scored by its rank in its own session (a sorted set; pruned
   * lazily): how many of the group's remixes a new one comes after when the class's pupils take turns.
   */
  groupPending: (groupId: string) => `${prefix}:fair:group-turns:${groupId}`,
  /** Submissions in the current hour window. */
  sessionHour: (sessionId: string) => `${prefix}:fair:hour:${sessionId}`,
  /**
   * A rate-limit counter (common's RateLimiter names the rest: the rule, then `s:<session id>` or `a:<keyed hash
   * of the address>`, never an address itself); it expires with its window.
   */
  rate: (key: string) => `${prefix}:${key}`,
  /** Live workers: member = BullMQ worker id, score = when its heartbeat lapses (ms). */
  workers: `${prefix}:workers`,
  /** Each live worker's host, pid, concurrency and start (JSON), beside `workers`. */
  workerInfo: `${prefix}:workers:info`,
  /** Recent run durations per model (ms), newest first. */
  durations: (model: string) => `${prefix}:stats:durations:${model}`,
});

export const CANCEL_FLAG_TTL_S = 24 * 3600;
/**
 * How long a submit holds its claim. A submit takes a few seconds at most (the upload is already read; the gallery
 * check and Redis calls are bounded at 5 s each); an API that crashed or lost Redis mid-submit leaves a claim that
 * lapses after this, so the same requestId can be sent again (it was held 24 h).
 */
export const CLAIM_LEASE_MS = 60_000;
/** A worker beats every HEARTBEAT_MS and counts as alive for HEARTBEAT_TTL_MS after its last beat. */
export const HEARTBEAT_MS = 5_000;
export const HEARTBEAT_TTL_MS = 15_000;
export const TOMBSTONE_TTL_S = 14 * 24 * 3600; // as long as finished jobs are kept
export const DURATION_SAMPLES = 20;
