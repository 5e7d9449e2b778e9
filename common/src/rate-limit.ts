import type { FastifyReply, FastifyRequest } from 'fastify';
import { TooManyRequestsError } from './errors';

/**
 * Rate limits per visitor session and per client address, with one counter port: in memory for gallery-api (one
 * process), in Redis for inference-service (repositories/rate-counter.repository.ts). An address is never a key
 * as it is: it is counted under a keyed hash (`VisitorSessions.pseudonym`), so neither memory dumps nor Redis hold
 * visitors' IP addresses, and each count expires with its window.
 */

export interface RateCounter {
  /**
   * Counts one hit for `key` in its window: a window starts at the first hit and lasts `windowMs`. Answers the hits
   * in the current window so far (this one included) and the milliseconds until it ends.
   */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
}

export interface RateLimit {
  /** Hits allowed per window; 0 switches the limit off. */
  max: number;
  windowMs: number;
}

export interface RateRule {
  /** Part of the counter keys: one name per limited action. */
  name: string;
  perSession?: RateLimit;
  perAddress?: RateLimit;
  /** What the visitor reads in the 429. */
  message: string;
}

export interface RateSubject {
  /** The visitor session, when the request has one. */
  sessionId?: string | null;
  /** The client address as the API sees it (fastify's `request.ip` behind the trusted studio proxy). */
  address: string;
}

export class RateLimiter {
  constructor(
    private readonly counter: RateCounter,
    /** A keyed hash (VisitorSessions.pseudonym): addresses are only ever counted under it. */
    private readonly pseudonym: (purpose: string, value: string) => string,
  ) {}

  /** Counts the hit against each of the rule's limits; throws TooManyRequestsError (429, `rate_limited`) past one. */
  async check(rule: RateRule, who: RateSubject): Promise<void> {
    const keys: [string, RateLimit, 'session' | 'address'][] = [];
    if (rule.perSession?.max && who.sessionId) keys.push([`rate:${rule.name}:s:${who.sessionId}`, rule.perSession, 'session']);
    if (rule.perAddress?.max)
      keys.push([`rate:${rule.name}:a:${this.pseudonym('rate-limit address', who.address).slice(0, 32)}`, rule.perAddress, 'address']);
    for (const [key, limit, per] of keys) {
      const { count, resetMs } = await this.counter.hit(key, limit.windowMs);
      if (count > limit.max) throw new TooManyRequestsError('rate_limited', rule.message, resetMs / 1000, { per });
    }
  }

  /**
   * The rule as an `onRequest` hook, so a request over its limit is refused before its body is read. `visitorOf`
   * gives the request's session (minting one where the route binds to it), or null.
   */
  hook(rule: RateRule, visitorOf: (request: FastifyRequest, reply: FastifyReply) => { id: string } | null) {
    return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      await this.check(rule, { sessionId: visitorOf(request, reply)?.id ?? null, address: request.ip });
    };
  }
}

/**
 * The counter in this process's memory: gallery-api's (one process) and the unit tests'. Held to the Redis
 * counter's behaviour by rate-counter.contract.ts. Bounded: ended windows are dropped as it grows.
 */
export class MemoryRateCounter implements RateCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.endsAt <= now) {
      if (this.windows.size >= this.maxKeys) this.sweep(now);
      w = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    return { count: w.count, resetMs: w.endsAt - now };
  }

  /** Keys with a live window (tests). */
  keys(): string[] {
    const now = this.now();
    return [...this.windows].filter(([, w]) => w.endsAt > now).map(([k]) => k);
  }

  /** Ends a key's window now (tests: the contract's "after the window"). */
  endWindow(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
    // Still full of live windows (a flood of addresses): forget the oldest, which only ever loosens a limit.
    for (const k of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(k);
    }
  }
}
