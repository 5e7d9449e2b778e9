import pg from 'pg';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_MIGRATIONS } from './code-migrations';
import { migrate, MIGRATIONS_DIR } from './migrate';

/**
 * Test databases on the machine's real Postgres: one migrated template per run, one clone per test file.
 * TEST_DATABASE_URL points at the server (default: local trust auth as postgres).
 */
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEMPLATE_PREFIX = 'atelier_test_tpl_';

function urlFor(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The template is named after a hash of the migration files, so concurrent test runs share it safely and a
 * changed migration gets a fresh one. Creation happens under an advisory lock.
 */
export async function prepareTemplateDatabase(): Promise<void> {
  const name = await templateName();
  await admin(async (c) => {
    await c.query('SELECT pg_advisory_lock(727275)');
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount) return;
      await c.query(`CREATE DATABASE ${name}`);
      const pool = new pg.Pool({ connectionString: urlFor(name), max: 1 });
      try {
        await migrate(pool);
      } catch (err) {
        await pool.end();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        throw err;
      }
      await pool.end();
    } finally {
      await c.query('SELECT pg_advisory_unlock(727275)');
    }
  });
}

async function templateName(): Promise<string> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(await readFile(join(MIGRATIONS_DIR, f)));
  // A new code migration makes a new template too.
  for (const m of CODE_MIGRATIONS) hash.update(m.name).update(m.up.toString());
  return `${TEMPLATE_PREFIX}${hash.digest('hex').slice(0, 12)}`;
}

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file: a clone of the migrated template, or (`migrated: false`) an empty one, for a
 * test that applies migrations itself (a migration's treatment of existing rows).
 */
export async function createTestDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const template = opts.migrated === false ? 'template0' : await templateName();
  const name = `atelier_test_${randomBytes(6).toString('hex')}`;
  // CREATE DATABASE … TEMPLATE fails if another session is connected to the template; retry briefly.
  await admin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  const url = urlFor(name);
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  // DROP … WITH (FORCE) terminates any connection a test left open; that is expected, not a failure.
  pool.on('error', () => undefined);
  return {
    url,
    pool,
    drop: async () => {
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * A fresh database with only the migration files named before `first` applied, for a test of how a migration treats
 * rows written before it (`migrate(db.pool)` then applies the rest, code migrations included).
 */
export async function createTestDatabaseBefore(first: string): Promise<TestDatabase> {
  const db = await createTestDatabase({ migrated: false });
  const dir = await mkdtemp(join(tmpdir(), `atelier-migrations-${first}-`));
  try {
    for (const file of (await readdir(MIGRATIONS_DIR)).filter((f) => f < first)) await cp(join(MIGRATIONS_DIR, file), join(dir, file));
    await migrate(db.pool, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return db;
}
