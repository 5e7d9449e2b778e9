import type pg from 'pg';
import type { StaffAuditEntry, StaffAuditEvent, StaffAuditLog } from '../services/staff-audit';

/** staff_audit_events (migration 011): insert and read only; the table refuses updates and deletes. */
export class StaffAuditRepository implements StaffAuditLog {
  constructor(private readonly pool: pg.Pool) {}

  async record(e: StaffAuditEntry): Promise<void> {
    await this.pool.query(
      'INSERT INTO staff_audit_events (staff_id, action, subject_type, subject_id, detail) VALUES ($1, $2, $3, $4, $5)',
      [e.staffId, e.action, e.subjectType, e.subjectId, JSON.stringify(e.detail ?? {})],
    );
  }

  async listFor(subjectType: string, subjectId: string): Promise<StaffAuditEvent[]> {
    const { rows } = await this.pool.query<StaffAuditEvent>(
      `SELECT e.id::text AS id, e.staff_id AS "staffId", a.username AS "staffUsername", e.action,
              e.subject_type AS "subjectType", e.subject_id AS "subjectId", e.detail, e.created_at AS "createdAt"
         FROM staff_audit_events e LEFT JOIN staff_accounts a ON a.id = e.staff_id
        WHERE e.subject_type = $1 AND e.subject_id = $2
        ORDER BY e.id`,
      [subjectType, subjectId],
    );
    return rows;
  }
}
