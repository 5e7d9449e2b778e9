import { createTestDatabase } from '../db/test-database';
import { describeStaffStore } from '../services/auth.contract';
import { SessionRepository } from './session.repository';
import { StaffRepository } from './staff.repository';

describeStaffStore('StaffRepository + SessionRepository (Postgres)', async () => {
  const db = await createTestDatabase();
  const staff = new StaffRepository(db.pool);
  return {
    staff,
    sessions: new SessionRepository(db.pool),
    addStaff: async (username) => (await staff.create({ username, passwordHash: 'x', role: 'moderator' }))!.id,
    disable: async (username) => void (await staff.disable(username)),
    close: () => db.drop(),
  };
});
