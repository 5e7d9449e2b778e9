/**
 * The append-only log of what staff did (accounts, workshops, exhibitions, withdrawals, open calls): who, what, to
 * which subject, when. Moderation decisions have their own log (moderation_events). Never a password and never a
 * visitor's or pupil's data in `detail`.
 */
export interface StaffAuditEntry {
  /** Null for an action taken by the system or the CLI. */
  staffId: string | null;
  /** `subject.verb`, lower case: `staff.create`, `exhibition.publish`, `creation.withdraw`. */
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
}

export interface StaffAuditEvent extends Required<StaffAuditEntry> {
  id: string;
  /** The staff member's username when the event names one. */
  staffUsername: string | null;
  createdAt: Date;
}

export interface StaffAuditLog {
  record(entry: StaffAuditEntry): Promise<void>;
  /** A subject's events, oldest first. */
  listFor(subjectType: string, subjectId: string): Promise<StaffAuditEvent[]>;
}

export const AUDIT_ACTION = /^[a-z_]+\.[a-z_]+$/;
