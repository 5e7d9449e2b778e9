import { describe, expect, it } from 'vitest';
import { FakeSessions, FakeStaff, staffAccount } from './auth.fakes';
import { AuthService, tokenHash, type PasswordHasher } from './auth.service';

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
  const auth = new AuthService(staff, sessions, 12, { now: () => now, passwords: hasher });
  return { auth, sessions, hasher, advance: (h: number) => (now = new Date(now.getTime() + h * 3_600_000)) };
}

describe('AuthService', () => {
  it('logs in case-insensitively and stores only the hash of a 32-byte token', async () => {
    const { auth, sessions } = setup();
    const { token, expiresAt, staff } = await auth.login(' Ann ', 'right password');
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
      await expect(auth.login(u!, p!)).rejects.toMatchObject({ statusCode: 401, code: 'invalid_credentials' });
    }
    expect(hasher.verifications).toBe(3);
    expect(sessions.rows.size).toBe(0);
  });

  it('expires sessions and ends them on logout', async () => {
    const { auth, advance } = setup();
    const a = await auth.login('ann', 'right password');
    advance(13);
    expect(await auth.resolve(a.token)).toBeNull();
    const b = await auth.login('ann', 'right password');
    await auth.logout(b.token);
    expect(await auth.resolve(b.token)).toBeNull();
    expect(await auth.resolve(undefined)).toBeNull();
  });
});
