/**
 * Backoff after failed staff logins, per account and client: a few free tries (typos), then each further try
 * from that client for that account must wait twice as long as the last, up to a ceiling; a success forgets it.
 * Keyed by account and client together, so one client can never lock an account for everyone else (a shared
 * lockout would let anyone shut every moderator out). Unknown usernames back off exactly like known ones, so
 * the answer says nothing about which accounts exist.
 *
 * Kept in this process's memory (gallery-api is one process), bounded: a restart forgets it.
 */

export interface BackoffPolicy {
  /** Failures answered without any wait. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; it doubles with each further failure. */
  baseMs: number;
  maxMs: number;
  /** A key with no failure for this long starts over. */
  forgetAfterMs: number;
}

export const LOGIN_BACKOFF: BackoffPolicy = { freeFailures: 3, baseMs: 1_000, maxMs: 5 * 60_000, forgetAfterMs: 60 * 60_000 };

export class LoginBackoff {
  private readonly failures = new Map<string, { count: number; lastAt: number }>();

  constructor(
    readonly policy: BackoffPolicy = LOGIN_BACKOFF,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  /** Milliseconds this key must still wait before its next try; 0 when it may try now. */
  waitMs(key: string): number {
    const f = this.current(key);
    if (!f || f.count < this.policy.freeFailures) return 0;
    const delay = Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** (f.count - this.policy.freeFailures));
    return Math.max(0, f.lastAt + delay - this.now());
  }

  failed(key: string): void {
    const count = (this.current(key)?.count ?? 0) + 1;
    this.failures.delete(key); // re-inserted last: the map's order is oldest failure first
    if (this.failures.size >= this.maxKeys) this.sweep();
    this.failures.set(key, { count, lastAt: this.now() });
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }

  private current(key: string): { count: number; lastAt: number } | undefined {
    const f = this.failures.get(key);
    if (f && this.now() - f.lastAt > this.policy.forgetAfterMs) {
      this.failures.delete(key);
      return undefined;
    }
    return f;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, f] of this.failures) if (now - f.lastAt > this.policy.forgetAfterMs) this.failures.delete(k);
    // Still full (a flood of distinct clients): the oldest failures go first, which only ever loosens the backoff.
    for (const k of this.failures.keys()) {
      if (this.failures.size < this.maxKeys) break;
      this.failures.delete(k);
    }
  }
}
