import type pg from 'pg';
import { z } from 'zod';
import { parseCanvasDocument } from '@atelier/contracts/canvas.schema';
import { remixSchema } from '@atelier/contracts/remix.schema';
import { selectList } from '../db/columns';
import type { DraftRecord, DraftStore } from '../services/draft.service';

const COLUMNS = selectList(['id', 'code_hash', 'document', 'history', 'remixes', 'created_at', 'expires_at']);

const copiesSchema = z.array(z.object({ remix: remixSchema, imageKey: z.string() }));
const historySchema = z.object({ past: z.array(z.unknown()), future: z.array(z.unknown()) });

type DraftRow = Omit<DraftRecord, 'document' | 'history' | 'remixes'> & { document: unknown; history: unknown; remixes: unknown };

/** Read back through the schemas on every load: a draft reopened after a studio update runs the canvas migrations. */
function toRecord(row: DraftRow): DraftRecord {
  const history = historySchema.parse(row.history);
  return {
    ...row,
    document: parseCanvasDocument(row.document),
    history: { past: history.past.map(parseCanvasDocument), future: history.future.map(parseCanvasDocument) },
    remixes: copiesSchema.parse(row.remixes),
  };
}

export class DraftRepository implements DraftStore {
  constructor(private readonly pool: pg.Pool) {}

  async insert(d: DraftRecord): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO drafts (id, code_hash, document, history, remixes, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code_hash) DO NOTHING`,
      [d.id, d.codeHash, JSON.stringify(d.document), JSON.stringify(d.history), JSON.stringify(d.remixes), d.createdAt, d.expiresAt],
    );
    return rowCount === 1;
  }

  async findByCodeHash(codeHash: string, now: Date): Promise<DraftRecord | null> {
    const { rows } = await this.pool.query<DraftRow>(`SELECT ${COLUMNS} FROM drafts WHERE code_hash = $1 AND expires_at > $2`, [codeHash, now]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findById(id: string, now: Date): Promise<DraftRecord | null> {
    const { rows } = await this.pool.query<DraftRow>(`SELECT ${COLUMNS} FROM drafts WHERE id = $1 AND expires_at > $2`, [id, now]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listExpired(now: Date, limit: number): Promise<Pick<DraftRecord, 'id' | 'remixes'>[]> {
    const { rows } = await this.pool.query<{ id: string; remixes: unknown }>(
      'SELECT id, remixes FROM drafts WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2',
      [now, limit],
    );
    return rows.map((r) => ({ id: r.id, remixes: copiesSchema.parse(r.remixes) }));
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length) await this.pool.query('DELETE FROM drafts WHERE id = ANY($1::uuid[])', [ids]);
  }
}
