import type pg from 'pg';
import type { CreationStatus } from '@atelier/contracts/creation.schema';
import type { KioskTransition } from '@atelier/contracts/exhibition';
import { withTransaction, type Queryable } from '../db/database';
import type { ExhibitionRecord } from '../services/exhibition';
import type { ExhibitionFields, ExhibitionStore } from '../services/exhibition.service';

interface ExhibitionRow {
  id: string;
  title_en: string;
  title_nl: string;
  text_en: string;
  text_nl: string;
  starts_on: string | null;
  ends_on: string | null;
  public: boolean;
  slide_seconds: number;
  transition: KioskTransition;
  updated_at: Date;
  creation_ids: string[];
}

// Dates as text (YYYY-MM-DD): a `date` read into a JS Date would move with the process's time zone.
const SELECT = `SELECT e.id, e.title_en, e.title_nl, e.text_en, e.text_nl, e.starts_on::text AS starts_on, e.ends_on::text AS ends_on,
       e.public, e.slide_seconds, e.transition, e.updated_at,
       coalesce((SELECT array_agg(i.creation_id::text ORDER BY i.position) FROM exhibition_items i WHERE i.exhibition_id = e.id), '{}') AS creation_ids
  FROM exhibitions e`;

const toRecord = (r: ExhibitionRow): ExhibitionRecord => ({
  id: r.id,
  title: { en: r.title_en, nl: r.title_nl },
  text: { en: r.text_en, nl: r.text_nl },
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  public: r.public,
  slideSeconds: r.slide_seconds,
  transition: r.transition,
  creationIds: r.creation_ids,
  updatedAt: r.updated_at,
});

/** exhibitions and exhibition_items (migration 017). */
export class ExhibitionRepository implements ExhibitionStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(id: string, f: ExhibitionFields): Promise<ExhibitionRecord> {
    await withTransaction(this.pool, async (tx) => {
      await tx.query(
        `INSERT INTO exhibitions (id, title_en, title_nl, text_en, text_nl, starts_on, ends_on, public, slide_seconds, transition)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, f.title.en, f.title.nl, f.text.en, f.text.nl, f.startsOn, f.endsOn, f.public, f.slideSeconds, f.transition],
      );
      await this.writeItems(tx, id, f.creationIds);
    });
    return (await this.find(id))!;
  }

  async update(id: string, f: ExhibitionFields): Promise<ExhibitionRecord | null> {
    const found = await withTransaction(this.pool, async (tx) => {
      const { rowCount } = await tx.query(
        `UPDATE exhibitions SET title_en = $2, title_nl = $3, text_en = $4, text_nl = $5, starts_on = $6, ends_on = $7, public = $8,
                slide_seconds = $9, transition = $10, updated_at = now()
          WHERE id = $1`,
        [id, f.title.en, f.title.nl, f.text.en, f.text.nl, f.startsOn, f.endsOn, f.public, f.slideSeconds, f.transition],
      );
      if (!rowCount) return false;
      await tx.query('DELETE FROM exhibition_items WHERE exhibition_id = $1', [id]);
      await this.writeItems(tx, id, f.creationIds);
      return true;
    });
    return found ? this.find(id) : null;
  }

  private async writeItems(tx: Queryable, id: string, creationIds: readonly string[]): Promise<void> {
    if (!creationIds.length) return;
    await tx.query(
      `INSERT INTO exhibition_items (exhibition_id, creation_id, position)
       SELECT $1, c.id, c.ord - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS c (id, ord)`,
      [id, creationIds],
    );
  }

  async find(id: string): Promise<ExhibitionRecord | null> {
    const { rows } = await this.pool.query<ExhibitionRow>(`${SELECT} WHERE e.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(): Promise<ExhibitionRecord[]> {
    const { rows } = await this.pool.query<ExhibitionRow>(`${SELECT} ORDER BY e.created_at DESC, e.id`);
    return rows.map(toRecord);
  }

  async statusesOf(creationIds: readonly string[]): Promise<Map<string, CreationStatus>> {
    if (!creationIds.length) return new Map();
    const { rows } = await this.pool.query<{ id: string; status: CreationStatus }>(
      'SELECT id::text AS id, status FROM creations WHERE id = ANY($1::uuid[])',
      [creationIds],
    );
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  async exhibitionsWith(creationId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT exhibition_id::text AS id FROM exhibition_items WHERE creation_id = $1', [creationId]);
    return rows.map((r) => r.id);
  }
}
