import { AUDIT_ACTION, type StaffAuditEntry, type StaffAuditEvent, type StaffAuditLog } from './staff-audit';

/** StaffAuditLog in memory for unit tests, held to the repository's contract by staff-audit.contract.ts. */
export class FakeStaffAudit implements StaffAuditLog {
  readonly events: StaffAuditEvent[] = [];
  constructor(private readonly usernames: (staffId: string) => string | null = () => null) {}
  async record(e: StaffAuditEntry): Promise<void> {
    if (!AUDIT_ACTION.test(e.action)) throw new Error(`audit action ${e.action} is not subject.verb`);
    this.events.push({
      id: String(this.events.length + 1),
      staffId: e.staffId,
      staffUsername: e.staffId ? this.usernames(e.staffId) : null,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      detail: e.detail ?? {},
      createdAt: new Date(),
    });
  }
  async listFor(subjectType: string, subjectId: string): Promise<StaffAuditEvent[]> {
    return this.events.filter((e) => e.subjectType === subjectType && e.subjectId === subjectId);
  }
}
