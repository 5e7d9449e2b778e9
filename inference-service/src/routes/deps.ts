import type { InferenceServices } from '../services';

/** The services the routes call (built once by server.ts, or by a test from fakes) and the API's own settings. */
export interface InferenceDeps extends InferenceServices {
  /** POSTs per minute per client address; 0 turns the limit off (tests). */
  remixRateLimitPerMinute?: number;
  sseHeartbeatMs?: number;
}
