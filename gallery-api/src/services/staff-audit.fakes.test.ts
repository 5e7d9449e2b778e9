import { describeStaffAuditLog } from './staff-audit.contract';
import { FakeStaffAudit } from './staff-audit.fakes';

describeStaffAuditLog('FakeStaffAudit', async () => ({
  audit: new FakeStaffAudit((id) => (id === 'id-ann' ? 'ann' : null)),
  staffId: 'id-ann',
  username: 'ann',
  close: async () => undefined,
}));
