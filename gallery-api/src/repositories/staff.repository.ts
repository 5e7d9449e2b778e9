import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { selectList } from '../db/columns';
import type { StaffRole } from '@atelier/contracts/staff.schema';
import type { StaffAccount } from '../services/auth.service';
import type { StaffDirectory } from '../services/staff-admin.service';

const COLUMNS = selectList(['id', 'username', 'password_hash', 'role', 'created_at', 'disabled_at']);

export class StaffRepository implements StaffDirectory {
  constructor(private readonly pool: pg.Pool) {}

  async findByUsername(username: string): Promise<StaffAccount | null> {
    const { rows } = await this.pool.query<StaffAccount>(`SELECT ${COLUMNS} FROM staff_accounts WHERE username = $1`, [username]);
    return rows[0] ?? null;
  }

  async list(): Promise<StaffAccount[]> {
    const { rows } = await this.pool.query<StaffAccount>(`SELECT ${COLUMNS} FROM staff_accounts ORDER BY username`);
    return rows;
  }

  /** Null when the username is taken. */
  async create(a: { username: string; passwordHash: string; role: StaffRole }): Promise<StaffAccount | null> {
    const { rows } = await this.pool.query<StaffAccount>(
      `INSERT INTO staff_accounts (id, username, password_hash, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
      [randomUUID(), a.username, a.passwordHash, a.role],
    );
    return rows[0] ?? null;
  }

  /** Disables the account and ends its sessions at once; false when unknown. */
  disable(username: string): Promise<boolean> {
    return this.updateEndingSessions(username, 'disabled_at = coalesce(disabled_at, now())');
  }

  /** Sets a new password and ends existing sessions (a reset is often a response to a leak); false when unknown. */
  setPassword(username: string, passwordHash: string): Promise<boolean> {
    return this.updateEndingSessions(username, 'password_hash = $2', passwordHash);
  }

  /** A new role ends the account's sessions, so no session keeps rights the account no longer has; false when unknown. */
  setRole(username: string, role: StaffRole): Promise<boolean> {
    return this.updateEndingSessions(username, 'role = $2', role);
  }

  /** One change to an account and the end of its sessions, in one statement; `set` is one of the literals above. */
  private async updateEndingSessions(username: string, set: 'disabled_at = coalesce(disabled_at, now())' | 'password_hash = $2' | 'role = $2', value?: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH updated AS (
         UPDATE staff_accounts SET ${set} WHERE username = $1 RETURNING id
       ), ended AS (
         DELETE FROM staff_sessions WHERE staff_id IN (SELECT id FROM updated)
       )
       SELECT id FROM updated`,
      value === undefined ? [username] : [username, value],
    );
    return rows.length > 0;
  }

  /** Enables a disabled account (it logs in again with its password); false when unknown. */
  async enable(username: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE staff_accounts SET disabled_at = NULL WHERE username = $1', [username]);
    return (rowCount ?? 0) > 0;
  }
}
