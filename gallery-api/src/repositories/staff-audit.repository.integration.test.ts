import { createTestDatabase } from '../db/test-database';
import { describeStaffAuditLog } from '../services/staff-audit.contract';
import { StaffAuditRepository } from './staff-audit.repository';
import { StaffRepository } from './staff.repository';

describeStaffAuditLog('StaffAuditRepository (Postgres)', async () => {
  const db = await createTestDatabase();
  const account = await new StaffRepository(db.pool).create({ username: 'curator.ann', passwordHash: 'x', role: 'admin' });
  return { audit: new StaffAuditRepository(db.pool), staffId: account!.id, username: 'curator.ann', close: () => db.drop() };
});
