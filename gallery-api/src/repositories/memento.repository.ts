import type pg from 'pg';
import type { MementoStore } from '../services/memento.service';

/** creation_mementos (migration 018): token hashes only. */
export class MementoRepository implements MementoStore {
  constructor(private readonly pool: pg.Pool) {}

  async save(tokenSha256: string, creationId: string): Promise<void> {
    await this.pool.query('INSERT INTO creation_mementos (token_sha256, creation_id) VALUES ($1, $2)', [tokenSha256, creationId]);
  }

  async creationOf(tokenSha256: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT creation_id::text AS id FROM creation_mementos WHERE token_sha256 = $1', [tokenSha256]);
    return rows[0]?.id ?? null;
  }

  async rejectionReasonOf(creationId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ reason: string | null }>(
      `SELECT reason FROM moderation_events WHERE creation_id = $1 AND decision = 'reject' ORDER BY id DESC LIMIT 1`,
      [creationId],
    );
    return rows[0]?.reason ?? null;
  }
}
