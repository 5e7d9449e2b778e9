import type { SessionStore, StaffAccount, StaffLookup, StaffPrincipal } from './auth.service';

/**
 * The in-memory fakes of AuthService's ports for unit tests, held to StaffRepository's and SessionRepository's
 * contract by auth.contract.ts.
 */
export class FakeStaff implements StaffLookup {
  constructor(readonly accounts: StaffAccount[] = []) {}
  async findByUsername(username: string) {
    return this.accounts.find((a) => a.username === username) ?? null;
  }
}

export class FakeSessions implements SessionStore {
  readonly rows = new Map<string, { staffId: string; expiresAt: Date }>();
  constructor(private readonly staff: FakeStaff) {}
  async create(s: { tokenSha256: string; staffId: string; expiresAt: Date }) {
    this.rows.set(s.tokenSha256, { staffId: s.staffId, expiresAt: s.expiresAt });
  }
  async findStaff(tokenSha256: string, now: Date): Promise<StaffPrincipal | null> {
    const s = this.rows.get(tokenSha256);
    const a = s && s.expiresAt > now ? this.staff.accounts.find((x) => x.id === s.staffId && !x.disabledAt) : undefined;
    return a ? { id: a.id, username: a.username, role: a.role } : null;
  }
  async delete(tokenSha256: string) {
    this.rows.delete(tokenSha256);
  }
  async deleteExpired(now: Date) {
    for (const [k, s] of this.rows) if (s.expiresAt <= now) this.rows.delete(k);
  }
}

/** A staff account for tests; its password "hash" is whatever the test's hasher reads. */
export const staffAccount = (username: string, extra: Partial<StaffAccount> = {}): StaffAccount => ({
  id: `id-${username}`,
  username,
  passwordHash: 'plain:right password',
  role: 'moderator',
  createdAt: new Date(0),
  disabledAt: null,
  ...extra,
});
