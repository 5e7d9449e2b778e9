import type pg from 'pg';
import type { CreationStatus } from '@atelier/contracts/creation.schema';
import { withTransaction } from '../db/database';
import type { WithdrawalStore } from '../services/withdrawal.service';

/** The one write of a withdrawal: an approved creation's status becomes `withdrawn` (migration 017). */
export class WithdrawalRepository implements WithdrawalStore {
  constructor(private readonly pool: pg.Pool) {}

  async withdraw(creationId: string): Promise<CreationStatus | null> {
    return withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ status: CreationStatus }>('SELECT status FROM creations WHERE id = $1 FOR UPDATE', [creationId]);
      const before = rows[0]?.status ?? null;
      if (before === 'approved') await tx.query(`UPDATE creations SET status = 'withdrawn' WHERE id = $1`, [creationId]);
      return before;
    });
  }
}
