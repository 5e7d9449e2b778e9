import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type pg from 'pg';
import { CODE_MIGRATIONS, type CodeMigration } from './code-migrations';

export const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../migrations');

/**
 * Applies `migrations/NNN_name.sql` and the code migrations (`code-migrations.ts`, for data only code can read) in
 * the order of their names, each in its own transaction, under an advisory lock so two processes starting at once
 * do not race. Applied names are recorded; files are never edited once shipped. A folder other than the project's
 * (a test applying the migrations before one) gets no code migrations unless it asks.
 */
export async function migrate(
  pool: pg.Pool,
  dir = MIGRATIONS_DIR,
  code: readonly CodeMigration[] = dir === MIGRATIONS_DIR ? CODE_MIGRATIONS : [],
): Promise<string[]> {
  const steps = new Map(code.map((m) => [m.name, m]));
  const files = [...(await readdir(dir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)), ...steps.keys()].sort();
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(727274)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      const step = steps.get(file);
      const sql = step ? null : await readFile(join(dir, file), 'utf8');
      await client.query('BEGIN');
      try {
        if (step) await step.up(client);
        else await client.query(sql as string);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
        applied.push(file);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${file} failed: ${(err as Error).message}`);
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    client.release();
  }
  return applied;
}
