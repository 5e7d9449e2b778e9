import { describe, expect, it } from 'vitest';
import { perTest } from '../testing/per-test';
import type { SessionStore, StaffLookup } from './auth.service';

export interface StaffStoreHarness {
  staff: StaffLookup;
  sessions: SessionStore;
  /** Creates an active moderator; answers its id. */
  addStaff(username: string): Promise<string>;
  disable(username: string): Promise<void>;
  close(): Promise<void>;
}

const HOUR = 3_600_000;
const now = new Date('2026-01-01T12:00:00Z');

/**
 * What StaffRepository and SessionRepository do for AuthService, run against the fakes (auth.fakes.test.ts) and
 * the real Postgres repositories (auth.repository.integration.test.ts).
 */
export function describeStaffStore(name: string, make: () => Promise<StaffStoreHarness>): void {
  describe(`${name}: the staff and session contract`, () => {
    const start = perTest(make);

    it('finds an account by its username', async () => {
      const { staff, addStaff } = await start();
      const id = await addStaff('mod.ann');
      expect(await staff.findByUsername('mod.ann')).toMatchObject({ id, username: 'mod.ann', role: 'moderator', disabledAt: null });
      expect((await staff.findByUsername('mod.ann'))?.createdAt).toBeInstanceOf(Date);
      expect(await staff.findByUsername('nobody')).toBeNull();
    });

    it('answers the staff member of a live session only: not once expired, deleted, or the account disabled', async () => {
      const { sessions, addStaff, disable } = await start();
      const id = await addStaff('mod.ann');
      await sessions.create({ tokenSha256: 'live', staffId: id, expiresAt: new Date(now.getTime() + HOUR) });
      await sessions.create({ tokenSha256: 'old', staffId: id, expiresAt: new Date(now.getTime() - HOUR) });
      expect(await sessions.findStaff('live', now)).toEqual({ id, username: 'mod.ann', role: 'moderator' });
      expect(await sessions.findStaff('old', now)).toBeNull();
      expect(await sessions.findStaff('unknown', now)).toBeNull();

      await sessions.deleteExpired(now);
      expect(await sessions.findStaff('old', new Date(0))).toBeNull();
      expect(await sessions.findStaff('live', now)).not.toBeNull();
      await sessions.delete('live');
      expect(await sessions.findStaff('live', now)).toBeNull();

      await sessions.create({ tokenSha256: 'again', staffId: id, expiresAt: new Date(now.getTime() + HOUR) });
      await disable('mod.ann');
      expect(await sessions.findStaff('again', now)).toBeNull();
    });
  });
}
