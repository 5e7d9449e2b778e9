import type pg from 'pg';
import type { StaffRole } from '@atelier/contracts/staff.schema';
import type { SessionStore, StaffPrincipal } from '../services/auth.service';

/** Staff sessions, stored by the sha256 of their token only. */
export class SessionRepository implements SessionStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(s: { tokenSha256: string; staffId: string; expiresAt: Date }): Promise<void> {
    await this.pool.query('INSERT INTO staff_sessions (token_sha256, staff_id, expires_at) VALUES ($1, $2, $3)', [
      s.tokenSha256,
      s.staffId,
      s.expiresAt,
    ]);
  }

  async findStaff(tokenSha256: string, now: Date): Promise<StaffPrincipal | null> {
    const { rows } = await this.pool.query<{ id: string; username: string; role: StaffRole }>(
      `SELECT a.id, a.username, a.role
         FROM staff_sessions s JOIN staff_accounts a ON a.id = s.staff_id
        WHERE s.token_sha256 = $1 AND s.expires_at > $2 AND a.disabled_at IS NULL`,
      [tokenSha256, now],
    );
    return rows[0] ?? null;
  }

  async delete(tokenSha256: string): Promise<void> {
    await this.pool.query('DELETE FROM staff_sessions WHERE token_sha256 = $1', [tokenSha256]);
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.pool.query('DELETE FROM staff_sessions WHERE expires_at <= $1', [now]);
  }
}
