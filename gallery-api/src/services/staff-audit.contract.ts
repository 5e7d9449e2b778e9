import { describe, expect, it } from 'vitest';
import { perTest } from '../testing/per-test';
import type { StaffAuditLog } from './staff-audit';

export interface StaffAuditHarness {
  audit: StaffAuditLog;
  /** An existing staff account's id, named `username`. */
  staffId: string;
  username: string;
  close(): Promise<void>;
}

/** What StaffAuditRepository does, run against FakeStaffAudit (unit) and Postgres (integration). */
export function describeStaffAuditLog(name: string, make: () => Promise<StaffAuditHarness>): void {
  describe(`${name}: the staff audit log contract`, () => {
    const start = perTest(make);

    it("lists a subject's events oldest first, with who did them and what changed", async () => {
      const { audit, staffId, username } = await start();
      await audit.record({ staffId, action: 'exhibition.create', subjectType: 'exhibition', subjectId: 'e1', detail: { title: 'Zee' } });
      await audit.record({ staffId: null, action: 'exhibition.publish', subjectType: 'exhibition', subjectId: 'e1' });
      await audit.record({ staffId, action: 'exhibition.create', subjectType: 'exhibition', subjectId: 'e2' });
      const events = await audit.listFor('exhibition', 'e1');
      expect(events.map((e) => [e.action, e.staffUsername, e.detail])).toEqual([
        ['exhibition.create', username, { title: 'Zee' }],
        ['exhibition.publish', null, {}],
      ]);
      expect(events[0]!.createdAt).toBeInstanceOf(Date);
      expect(await audit.listFor('exhibition', 'unknown')).toEqual([]);
    });

    it('refuses an action that is not subject.verb', async () => {
      const { audit, staffId } = await start();
      await expect(audit.record({ staffId, action: 'Delete everything', subjectType: 'x', subjectId: 'y' })).rejects.toThrow();
    });
  });
}
