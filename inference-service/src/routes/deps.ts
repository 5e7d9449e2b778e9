import type { InferenceServices } from '../services';
import type { WorkshopGroupDeps } from './workshop-groups';
import type { PrintRouteDeps } from './prints';

/** The services the routes call (built once by server.ts, or by a test from fakes) and the API's own settings. */
export interface InferenceDeps extends InferenceServices {
  /** POST /remixes per visitor session and per client address, each per minute; unset (tests) or 0: no limit. */
  remixRateLimits?: { perSessionPerMinute: number; perAddressPerMinute: number };
  sseHeartbeatMs?: number;
  /** Forgetting a workshop's remixes when gallery-api's sweep asks (issue 11); absent: the route is not there. */
  workshopGroups?: WorkshopGroupDeps;
  /** Print-ready upscales of approved creations, asked by gallery-api (issue 12 item 3); absent: the routes are not there. */
  prints?: PrintRouteDeps;
}
