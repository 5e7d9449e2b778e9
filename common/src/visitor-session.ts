import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isHttpsUrl } from './origin';

/**
 * Server-issued visitor sessions, shared by gallery-api and inference-service (they share the studio's origin
 * through its proxy, so one cookie reaches both). A session is a random id (128 bits) and an expiry, signed with
 * HMAC-SHA256 under ATELIER_SESSION_SECRET: no personal data, nothing stored on the server, and a client cannot
 * choose or change its id. A missing, forged or expired cookie counts as no session; routes that bind something to
 * the visitor mint one (`VisitorSessions.of`), routes that only read never do.
 */

export const VISITOR_COOKIE = 'atelier_visitor';
export const MIN_SECRET_LENGTH = 32;
const ID_BYTES = 16;
const FORMAT = 'v1';

export interface VisitorSession {
  /** Random, 22 base64url characters: what quotas, remixes and creations are bound to. */
  id: string;
  /** The signed cookie value: the visitor's credential, forwarded by gallery-api when it reads on their behalf. */
  token: string;
  expiresAt: Date;
}

export interface VisitorSessionSettings {
  secret: string;
  ttlMs: number;
  /** `Secure` cookies (the public URL is https, or COOKIE_SECURE=true); https requests get them anyway. */
  secureCookie: boolean;
}

/**
 * The settings from the environment: ATELIER_SESSION_SECRET (at least 32 characters; `null` when unset, for
 * processes that serve no visitor), ATELIER_SESSION_TTL_HOURS (24), and Secure when ATELIER_PUBLIC_URL is https.
 */
export function visitorSessionSettings(env: NodeJS.ProcessEnv): (Omit<VisitorSessionSettings, 'secret'> & { secret: string | null }) {
  const secret = env.ATELIER_SESSION_SECRET?.trim() || null;
  if (secret !== null && secret.length < MIN_SECRET_LENGTH)
    throw new Error(`ATELIER_SESSION_SECRET must have at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -base64 48).`);
  const hours = Number(env.ATELIER_SESSION_TTL_HOURS ?? 24);
  if (!(hours > 0)) throw new Error(`ATELIER_SESSION_TTL_HOURS must be a positive number, got "${env.ATELIER_SESSION_TTL_HOURS}"`);
  return {
    secret,
    ttlMs: hours * 3_600_000,
    secureCookie: env.COOKIE_SECURE === 'true' || isHttpsUrl(env.ATELIER_PUBLIC_URL),
  };
}

/** For a server that serves visitors: the settings, or a clear refusal to start without a secret. */
export function requireSessionSecret<T extends { secret: string | null }>(settings: T): T & { secret: string } {
  if (!settings.secret)
    throw new Error(
      'ATELIER_SESSION_SECRET is not set: visitor sessions are signed with it. Set the same value for gallery-api and ' +
        'inference-service (e.g. openssl rand -base64 48); `npm start` makes one in its data folder.',
    );
  return settings as T & { secret: string };
}

const b64 = (buf: Buffer) => buf.toString('base64url');

export class VisitorSessions {
  private readonly signKey: Buffer;
  private readonly pseudonymKey: Buffer;
  /** Each request's session, resolved once. */
  private readonly seen = new WeakMap<FastifyRequest, VisitorSession | null>();

  constructor(
    private readonly settings: VisitorSessionSettings,
    private readonly now: () => number = Date.now,
  ) {
    if (settings.secret.length < MIN_SECRET_LENGTH) throw new Error(`a session secret needs at least ${MIN_SECRET_LENGTH} characters`);
    // One key per use, so a pseudonym can never be replayed as a signature or the other way round.
    this.signKey = createHmac('sha256', settings.secret).update('atelier visitor session signature').digest();
    this.pseudonymKey = createHmac('sha256', settings.secret).update('atelier visitor pseudonym').digest();
  }

  mint(): VisitorSession {
    const id = b64(randomBytes(ID_BYTES));
    const expiresAt = new Date(Math.floor((this.now() + this.settings.ttlMs) / 1000) * 1000);
    const payload = `${FORMAT}.${id}.${expiresAt.getTime() / 1000}`;
    return { id, token: `${payload}.${this.sign(payload)}`, expiresAt };
  }

  /** The session a cookie value stands for, or null when it is malformed, forged or expired. */
  verify(token: string | undefined): VisitorSession | null {
    if (!token || token.length > 200) return null;
    const m = /^(v1\.([A-Za-z0-9_-]{22})\.(\d{1,12}))\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return null;
    const expected = Buffer.from(this.sign(m[1]!));
    const given = Buffer.from(m[4]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const expiresAt = new Date(Number(m[3]) * 1000);
    if (expiresAt.getTime() <= this.now()) return null;
    return { id: m[2]!, token, expiresAt };
  }

  /**
   * A keyed hash of `value` for `purpose`: stable for as long as the secret is, unlinkable without it. What is
   * stored or counted where a raw value would be personal data (a client address) or should not outlive its
   * use (the session behind a creation).
   */
  pseudonym(purpose: string, value: string): string {
    return createHmac('sha256', this.pseudonymKey).update(purpose).update('\0').update(value).digest('hex');
  }

  /** The `Set-Cookie` value for a session: HttpOnly, SameSite=Strict, expiring with it, Secure on https. */
  cookie(session: VisitorSession, https: boolean): string {
    const maxAge = Math.max(0, Math.floor((session.expiresAt.getTime() - this.now()) / 1000));
    const secure = this.settings.secureCookie || https ? '; Secure' : '';
    return `${VISITOR_COOKIE}=${session.token}; Path=/; Max-Age=${maxAge}; Expires=${session.expiresAt.toUTCString()}; HttpOnly; SameSite=Strict${secure}`;
  }

  /** The request's session, if its cookie carries a valid one; never mints. For routes that only read. */
  existing(request: FastifyRequest): VisitorSession | null {
    let found = this.seen.get(request);
    if (found === undefined) {
      found = this.verify(cookieValue(request.headers.cookie, VISITOR_COOKIE));
      this.seen.set(request, found);
    }
    return found;
  }

  /** The request's session, minted (and set as a cookie on the reply) when it has none. For routes that bind. */
  of(request: FastifyRequest, reply: FastifyReply): VisitorSession {
    const found = this.existing(request);
    if (found) return found;
    const session = this.mint();
    this.seen.set(request, session);
    reply.header('set-cookie', this.cookie(session, request.protocol === 'https'));
    return session;
  }

  /** The header value that carries a visitor's credential to another service (gallery-api → inference-service). */
  static credentialHeader(token: string): { cookie: string } {
    return { cookie: `${VISITOR_COOKIE}=${token}` };
  }

  private sign(payload: string): string {
    return b64(createHmac('sha256', this.signKey).update(payload).digest());
  }
}

/** One cookie's value from a Cookie header (the first of that name), without a cookie library. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
