import { rangeAgreeingWith } from '@atelier/contracts/display-date';
import type pg from 'pg';

/**
 * Migrations that need code, not SQL: named like a migration file without `.sql`, applied in name order among
 * the files (migrate.ts), once, in a transaction. Never edited once shipped.
 */
export interface CodeMigration {
  name: string;
  up(client: pg.PoolClient): Promise<void>;
}

const BATCH = 5000;

/**
 * Issue 14 item 13: works imported before every importer parsed display dates have no year range (or one that leaves
 * out what is shown: "1887–88" stored as 1887), so the year filter missed them. Each row gets the range the import
 * path now gives: the stored range where it contains the display date, else the display date's.
 */
export const workDateRanges: CodeMigration = {
  name: '009_work_date_ranges',
  async up(client) {
    const { rows } = await client.query<{ id: string; date_display: string; date_start: number | null; date_end: number | null }>(
      'SELECT id, date_display, date_start, date_end FROM collection_works WHERE date_display IS NOT NULL',
    );
    const changed = rows.flatMap((r) => {
      const y = rangeAgreeingWith(r.date_display, { dateStart: r.date_start, dateEnd: r.date_end });
      return y.dateStart === r.date_start && y.dateEnd === r.date_end ? [] : [{ id: r.id, ...y }];
    });
    for (let i = 0; i < changed.length; i += BATCH) {
      const batch = changed.slice(i, i + BATCH);
      await client.query(
        `UPDATE collection_works w SET date_start = u.date_start, date_end = u.date_end
         FROM unnest($1::text[], $2::int[], $3::int[]) AS u(id, date_start, date_end) WHERE w.id = u.id`,
        [batch.map((c) => c.id), batch.map((c) => c.dateStart), batch.map((c) => c.dateEnd)],
      );
    }
  },
};

export const CODE_MIGRATIONS: readonly CodeMigration[] = [workDateRanges];
