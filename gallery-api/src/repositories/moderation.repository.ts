import type pg from 'pg';
import { withTransaction } from '../db/database';
import type { CreationStatus, Decision } from '@atelier/contracts/creation.schema';
import type { ModerationEventRecord, ModerationStore, ModerationTx } from '../services/moderation.service';

interface EventRow {
  id: string;
  creation_id: string;
  staff_id: string | null;
  username: string | null;
  decision: Decision;
  reason: string | null;
  created_at: Date;
}

const toEvent = (r: EventRow): ModerationEventRecord => ({
  id: Number(r.id),
  creationId: r.creation_id,
  staffId: r.staff_id,
  staffUsername: r.username,
  decision: r.decision,
  reason: r.reason,
  createdAt: r.created_at,
});

class PgModerationTx implements ModerationTx {
  constructor(private readonly client: pg.PoolClient) {}

  async lockCreation(id: string): Promise<CreationStatus | null> {
    const { rows } = await this.client.query<{ status: CreationStatus }>('SELECT status FROM creations WHERE id = $1 FOR UPDATE', [id]);
    return rows[0]?.status ?? null;
  }

  async appendEvent(e: { creationId: string; staffId: string; decision: Decision; reason: string | null }): Promise<ModerationEventRecord> {
    const { rows } = await this.client.query<EventRow>(
      `WITH inserted AS (
         INSERT INTO moderation_events (creation_id, staff_id, decision, reason) VALUES ($1, $2, $3, $4)
         RETURNING id, creation_id, staff_id, decision, reason, created_at
       )
       SELECT i.id, i.creation_id, i.staff_id, a.username, i.decision, i.reason, i.created_at
         FROM inserted i LEFT JOIN staff_accounts a ON a.id = i.staff_id`,
      [e.creationId, e.staffId, e.decision, e.reason],
    );
    return toEvent(rows[0]!);
  }

  async setStatus(id: string, status: CreationStatus): Promise<void> {
    await this.client.query('UPDATE creations SET status = $2, decided_at = now() WHERE id = $1', [id, status]);
  }
}

export class ModerationRepository implements ModerationStore {
  constructor(private readonly pool: pg.Pool) {}

  inTransaction<T>(fn: (tx: ModerationTx) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, (client) => fn(new PgModerationTx(client)));
  }

  async listEvents(creationId: string): Promise<ModerationEventRecord[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT e.id, e.creation_id, e.staff_id, a.username, e.decision, e.reason, e.created_at
         FROM moderation_events e LEFT JOIN staff_accounts a ON a.id = e.staff_id
        WHERE e.creation_id = $1 ORDER BY e.id`,
      [creationId],
    );
    return rows.map(toEvent);
  }
}
