import { createHash, randomBytes } from 'node:crypto';
import { HttpError } from '@atelier/common/errors';
import type { StaffRole } from '@atelier/contracts/staff.schema';
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

export class AuthService {
  // A real hash to check against when the username is unknown, so both cases cost the same time.
  private dummyHash: Promise<string> | null = null;
  private readonly now: () => Date;
  private readonly passwords: PasswordHasher;

  constructor(
    private readonly staff: StaffLookup,
    private readonly sessions: SessionStore,
    private readonly sessionTtlHours: number,
    opts: { now?: () => Date; passwords?: PasswordHasher } = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.passwords = opts.passwords ?? scryptHasher;
  }

  async login(username: string, password: string): Promise<{ token: string; expiresAt: Date; staff: StaffPrincipal }> {
    const account = await this.staff.findByUsername(username.trim().toLowerCase());
    this.dummyHash ??= this.passwords.hash(randomBytes(18).toString('base64'));
    const hash = account?.passwordHash ?? (await this.dummyHash);
    const ok = await this.passwords.verify(password, hash);
    if (!account || !ok || account.disabledAt) throw invalidCredentials();

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
