import { describeStaffStore } from './auth.contract';
import { FakeSessions, FakeStaff, staffAccount } from './auth.fakes';

describeStaffStore('FakeStaff + FakeSessions', async () => {
  const staff = new FakeStaff();
  const sessions = new FakeSessions(staff);
  return {
    staff,
    sessions,
    addStaff: async (username) => {
      staff.accounts.push(staffAccount(username, { createdAt: new Date() }));
      return `id-${username}`;
    },
    disable: async (username) => {
      const account = staff.accounts.find((a) => a.username === username)!;
      account.disabledAt = new Date();
    },
    close: async () => undefined,
  };
});
