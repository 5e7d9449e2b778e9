import { ServiceTokens } from './service-tokens';

/**
 * gallery-api's bearer token for one print (issue 12 item 3): inference-service makes prints only when asked by
 * gallery-api, which checked the staff member's `curate` permission. For one print id, for a few minutes.
 */
export class PrintTokens extends ServiceTokens {
  constructor(secret: string, now?: () => number) {
    super(secret, { keyLabel: 'atelier print', prefix: 'r1.print', ttlMs: 10 * 60_000 }, now);
  }
}
