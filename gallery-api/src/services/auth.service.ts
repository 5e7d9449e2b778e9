import { createHash, randomBytes } from 'node:crypto';
import { HttpError, TooManyRequestsError } from '@atelier/common/errors';
import type { StaffRole } from '@atelier/contracts/staff.schema';
import { LoginBackoff } from './login-backoff';
import { hashPassword, verifyPassword } from './password';

export interface StaffAccount {
  id: string;
  username: string;
  passwordHash: string;
  role: StaffRole;
  createdAt: Date;
  disabledAt: Date | null;
}

/** Who is logged in, as routes see it. */
export interface StaffPrincipal {
  id: string;
  username: string;
  role: StaffRole;
}

export interface StaffLookup {
  findByUsername(username: string): Promise<StaffAccount | null>;
}

export interface SessionStore {
  create(session: { tokenSha256: string; staffId: string; expiresAt: Date }): Promise<void>;
  /** The active staff member behind a session that has not expired, or null. */
  findStaff(tokenSha256: string, now: Date): Promise<StaffPrincipal | null>;
  delete(tokenSha256: string): Promise<void>;
  deleteExpired(now: Date): Promise<void>;
}

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

const invalidCredentials = () => new HttpError(401, 'invalid_credentials', 'Unknown username or wrong password.');

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, encoded: string): Promise<boolean>;
}

const scryptHasher: PasswordHasher = { hash: (p) => hashPassword(p), verify: verifyPassword };

/**
 * One audit line per staff login attempt. Never the password, never the client's address; the username only when
 * it names an account (people type passwords into the username field), else null.
 */
export interface LoginAuditEntry {
  event: 'staff_login';
  outcome: 'success' | 'failure' | 'backoff';
  username: string | null;
  /** Why a failure failed (for the operator; the client is told the same thing in every case). */
  reason?: 'unknown_user' | 'wrong_password' | 'disabled';
}

export type LoginAudit = (entry: LoginAuditEntry) => void;

/** Who is trying to log in: the client address as the API sees it (behind the trusted studio proxy). */
export interface LoginClient {
  address: string;
}

export interface AuthOptions {
  now?: () => Date;
  passwords?: PasswordHasher;
  backoff?: LoginBackoff;
  audit?: LoginAudit;
  /** The key a backoff is kept under: a keyed hash of username and client (VisitorSessions.pseudonym). */
  backoffKey?: (username: string, client: LoginClient) => string;
}

export class AuthService {
  // A real hash (made once, up front) to check against when the username is unknown, so both cost the same time.
  private readonly dummyHash: Promise<string>;
  private readonly now: () => Date;
  private readonly passwords: PasswordHasher;
  private readonly backoff: LoginBackoff;
  private readonly audit: LoginAudit;
  private readonly backoffKey: (username: string, client: LoginClient) => string;

  constructor(
    private readonly staff: StaffLookup,
    private readonly sessions: SessionStore,
    private readonly sessionTtlHours: number,
    opts: AuthOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.passwords = opts.passwords ?? scryptHasher;
    this.backoff = opts.backoff ?? new LoginBackoff(undefined, () => this.now().getTime());
    this.audit = opts.audit ?? (() => undefined);
    this.backoffKey = opts.backoffKey ?? ((username, client) => `${username}\n${client.address}`);
    this.dummyHash = this.passwords.hash(randomBytes(18).toString('base64'));
    this.dummyHash.catch(() => undefined); // reported by the login that awaits it
  }

  /**
   * Checks a staff login. Refused at once with 429 `login_backoff` while this account and client must wait after
   * failed tries; else 401 `invalid_credentials` alike for an unknown user, a wrong password and a disabled
   * account, each at the cost of one password check.
   */
  async login(username: string, password: string, client: LoginClient): Promise<{ token: string; expiresAt: Date; staff: StaffPrincipal }> {
    const name = username.trim().toLowerCase();
    const key = this.backoffKey(name, client);
    const account = await this.staff.findByUsername(name);
    const wait = this.backoff.waitMs(key);
    if (wait > 0) {
      this.audit({ event: 'staff_login', outcome: 'backoff', username: account?.username ?? null });
      throw new TooManyRequestsError('login_backoff', `Too many failed logins; try again in ${Math.ceil(wait / 1000)} s.`, wait / 1000);
    }
    const hash = account?.passwordHash ?? (await this.dummyHash);
    const ok = await this.passwords.verify(password, hash);
    if (!account || !ok || account.disabledAt) {
      this.backoff.failed(key);
      const reason = !account ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled';
      this.audit({ event: 'staff_login', outcome: 'failure', username: account?.username ?? null, reason });
      throw invalidCredentials();
    }
    this.backoff.succeeded(key);
    this.audit({ event: 'staff_login', outcome: 'success', username: account.username });

    const now = this.now();
    await this.sessions.deleteExpired(now);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.sessionTtlHours * 3_600_000);
    await this.sessions.create({ tokenSha256: tokenHash(token), staffId: account.id, expiresAt });
    return { token, expiresAt, staff: { id: account.id, username: account.username, role: account.role } };
  }

  async resolve(token: string | undefined): Promise<StaffPrincipal | null> {
    if (!token || token.length > 200) return null;
    return this.sessions.findStaff(tokenHash(token), this.now());
  }

  async logout(token: string | undefined): Promise<void> {
    if (token && token.length <= 200) await this.sessions.delete(tokenHash(token));
  }
}
