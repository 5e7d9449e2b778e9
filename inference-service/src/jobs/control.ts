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
  /** Taken by the one request that creates a remix; a concurrent double submit sees it and waits. */
  claim: (remixId: string) => `${prefix}:remix:claim:${remixId}`,
  /** Remix ids a session has queued or running (pruned lazily). */
  sessionPending: (sessionId: string) => `${prefix}:fair:session:${sessionId}`,
  groupPending: (groupId: string) => `${prefix}:fair:group:${groupId}`,
  /** Submissions in the current hour window. */
  sessionHour: (sessionId: string) => `${prefix}:fair:hour:${sessionId}`,
  /**
   * A rate-limit counter (common's RateLimiter names the rest: the rule, then `s:<session id>` or `a:<keyed hash
   * of the address>`, never an address itself); it expires with its window.
   */
  rate: (key: string) => `${prefix}:${key}`,
  /** Recent run durations per model (ms), newest first. */
  durations: (model: string) => `${prefix}:stats:durations:${model}`,
});

export const CANCEL_FLAG_TTL_S = 24 * 3600;
export const TOMBSTONE_TTL_S = 14 * 24 * 3600; // as long as finished jobs are kept
export const DURATION_SAMPLES = 20;
