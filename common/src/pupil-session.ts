import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ServiceTokens } from './service-tokens';
import { cookieValue } from './visitor-session';

/**
 * A workshop pupil's session (issue 11): a cookie naming the workshop and the pupil, expiring when the workshop
 * ends, signed under ATELIER_SESSION_SECRET with its own derived key (so it can never pass as a visitor session or
 * the other way round). gallery-api issues it at join and checks the pupil is still in the workshop on each request;
 * inference-service only reads the workshop from it, to queue the class's remixes as one group (fair-scheduler.ts).
 * It holds ids only: no name, no personal data.
 */

export const PUPIL_COOKIE = 'atelier_pupil';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TOKEN = new RegExp(`^(p1\\.(${UUID})\\.(${UUID})\\.(\\d{1,12}))\\.([A-Za-z0-9_-]{43})$`);

export interface PupilSession {
  workshopId: string;
  pupilId: string;
  expiresAt: Date;
}

export class PupilSessions {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly secureCookie: boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', secret).update('atelier pupil session signature').digest();
  }

  token(session: PupilSession): string {
    const payload = `p1.${session.workshopId}.${session.pupilId}.${Math.floor(session.expiresAt.getTime() / 1000)}`;
    return `${payload}.${this.sign(payload)}`;
  }

  verify(token: string | undefined): PupilSession | null {
    if (!token || token.length > 200) return null;
    const m = TOKEN.exec(token);
    if (!m) return null;
    const expected = Buffer.from(this.sign(m[1]!));
    const given = Buffer.from(m[5]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const expiresAt = new Date(Number(m[4]) * 1000);
    if (expiresAt.getTime() <= this.now()) return null;
    return { workshopId: m[2]!, pupilId: m[3]!, expiresAt };
  }

  /** The request's pupil session (signature and expiry only; gallery-api also checks the pupil is still in). */
  of(request: Pick<FastifyRequest, 'headers'>): PupilSession | null {
    return this.verify(cookieValue(request.headers.cookie, PUPIL_COOKIE));
  }

  /** `Set-Cookie`: HttpOnly, SameSite=Strict, expiring with the workshop. */
  cookie(session: PupilSession, https: boolean): string {
    const maxAge = Math.max(0, Math.floor((session.expiresAt.getTime() - this.now()) / 1000));
    const secure = this.secureCookie || https ? '; Secure' : '';
    return `${PUPIL_COOKIE}=${this.token(session)}; Path=/; Max-Age=${maxAge}; Expires=${session.expiresAt.toUTCString()}; HttpOnly; SameSite=Strict${secure}`;
  }

  /** Ends the cookie (a pupil leaves, or was removed). */
  static clearCookie(): string {
    return `${PUPIL_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/**
 * gallery-api asking inference-service to forget a workshop group's remixes once the workshop's retention ends: a
 * bearer token naming the group, valid for a minute.
 */
export class WorkshopGroupTokens extends ServiceTokens {
  constructor(secret: string, now?: () => number) {
    super(secret, { keyLabel: 'atelier workshop group forget', prefix: 'w1.forget', ttlMs: 60_000 }, now);
  }
}
