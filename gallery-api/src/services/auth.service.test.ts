import { describe, expect, it } from 'vitest';
import { FakeSessions, FakeStaff, staffAccount } from './auth.fakes';
import { AuthService, tokenHash, type LoginAuditEntry, type PasswordHasher } from './auth.service';
import { LOGIN_BACKOFF, LoginBackoff } from './login-backoff';

/** Plain-text "hashes" that count verifications, to see that unknown users cost a verification too. */
class CountingHasher implements PasswordHasher {
  verifications = 0;
  async hash(p: string) {
    return `plain:${p}`;
  }
  async verify(p: string, encoded: string) {
    this.verifications++;
    return encoded === `plain:${p}`;
  }
}

function setup() {
  let now = new Date('2026-01-01T00:00:00Z');
  const staff = new FakeStaff([staffAccount('ann'), staffAccount('gone', { disabledAt: new Date(0) })]);
  const sessions = new FakeSessions(staff);
  const hasher = new CountingHasher();
  const audit: LoginAuditEntry[] = [];
  const auth = new AuthService(staff, sessions, 12, {
    now: () => now,
    passwords: hasher,
    backoff: new LoginBackoff(LOGIN_BACKOFF, () => now.getTime()),
    audit: (e) => audit.push(e),
  });
  return {
    auth,
    sessions,
    hasher,
    audit,
    advance: (h: number) => (now = new Date(now.getTime() + h * 3_600_000)),
    advanceMs: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

const HERE = { address: '192.0.2.10' };
const THERE = { address: '192.0.2.99' };

describe('AuthService', () => {
  it('logs in case-insensitively and stores only the hash of a 32-byte token', async () => {
    const { auth, sessions } = setup();
    const { token, expiresAt, staff } = await auth.login(' Ann ', 'right password', HERE);
    expect(staff).toEqual({ id: 'id-ann', username: 'ann', role: 'moderator' });
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect([...sessions.rows.keys()]).toEqual([tokenHash(token)]);
    expect(expiresAt.toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(await auth.resolve(token)).toMatchObject({ username: 'ann' });
  });

  it('answers the same 401 for a wrong password, an unknown user and a disabled account, verifying a hash each time', async () => {
    const { auth, hasher, sessions } = setup();
    for (const [u, p] of [
      ['ann', 'wrong'],
      ['nobody', 'right password'],
      ['gone', 'right password'],
    ]) {
      await expect(auth.login(u!, p!, HERE)).rejects.toMatchObject({ statusCode: 401, code: 'invalid_credentials' });
    }
    expect(hasher.verifications).toBe(3);
    expect(sessions.rows.size).toBe(0);
  });

  it('expires sessions and ends them on logout', async () => {
    const { auth, advance } = setup();
    const a = await auth.login('ann', 'right password', HERE);
    advance(13);
    expect(await auth.resolve(a.token)).toBeNull();
    const b = await auth.login('ann', 'right password', HERE);
    await auth.logout(b.token);
    expect(await auth.resolve(b.token)).toBeNull();
    expect(await auth.resolve(undefined)).toBeNull();
  });

  it('writes one audit line per attempt: the outcome and a known username, never the password', async () => {
    const { auth, audit } = setup();
    await auth.login('ann', 'right password', HERE);
    await auth.login('ann', 'wrong', HERE).catch(() => undefined);
    await auth.login('hunter2-typed-as-a-name', 'x', HERE).catch(() => undefined);
    await auth.login('gone', 'right password', HERE).catch(() => undefined);
    expect(audit).toEqual([
      { event: 'staff_login', outcome: 'success', username: 'ann' },
      { event: 'staff_login', outcome: 'failure', username: 'ann', reason: 'wrong_password' },
      { event: 'staff_login', outcome: 'failure', username: null, reason: 'unknown_user' },
      { event: 'staff_login', outcome: 'failure', username: 'gone', reason: 'disabled' },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/right password|"wrong"|hunter2|192\.0\.2/);
  });

  it('backs off per account and client after the free failures, without checking the password meanwhile', async () => {
    const { auth, hasher, audit, advanceMs } = setup();
    for (let i = 0; i < LOGIN_BACKOFF.freeFailures; i++)
      await expect(auth.login('ann', 'wrong', HERE)).rejects.toMatchObject({ statusCode: 401 });
    const checked = hasher.verifications;
    // Now even the right password waits: refused at once, 429 with the seconds left.
    const refused = await auth.login('ann', 'right password', HERE).catch((e: unknown) => e);
    expect(refused).toMatchObject({ statusCode: 429, code: 'login_backoff', retryAfterSeconds: 1 });
    expect(hasher.verifications).toBe(checked);
    expect(audit.at(-1)).toEqual({ event: 'staff_login', outcome: 'backoff', username: 'ann' });
    // Not a shared lockout: another client logs in to the same account, and this client to another account.
    expect((await auth.login('ann', 'right password', THERE)).staff.username).toBe('ann');
    await expect(auth.login('nobody', 'x', HERE)).rejects.toMatchObject({ statusCode: 401 });
    // After the wait a try is allowed; each failure doubles the wait, and a success forgets it.
    advanceMs(1_000);
    await expect(auth.login('ann', 'wrong', HERE)).rejects.toMatchObject({ statusCode: 401 });
    expect(await auth.login('ann', 'right password', HERE).catch((e: unknown) => e)).toMatchObject({ retryAfterSeconds: 2 });
    advanceMs(2_000);
    await auth.login('ann', 'right password', HERE);
    await expect(auth.login('ann', 'wrong', HERE)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('backs off an unknown username exactly like a known one', async () => {
    const { auth } = setup();
    const outcomes = async (user: string) => {
      const codes = [];
      for (let i = 0; i < LOGIN_BACKOFF.freeFailures + 1; i++) codes.push(await auth.login(user, 'wrong', HERE).catch((e: { code: string }) => e.code));
      return codes;
    };
    expect(await outcomes('nobody')).toEqual(await outcomes('ann'));
  });
});

