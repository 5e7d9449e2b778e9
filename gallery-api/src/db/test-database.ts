import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { migrate } from './migrate';

/**
 * Test databases on the machine's real Postgres: one migrated template per run, one clone per test file.
 * TEST_DATABASE_URL points at the server (default: local trust auth as postgres).
 */
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEMPLATE_DB = 'atelier_test_template';

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

export async function prepareTemplateDatabase(): Promise<void> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  const pool = new pg.Pool({ connectionString: urlFor(TEMPLATE_DB), max: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
}

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `atelier_test_${randomBytes(6).toString('hex')}`;
  // CREATE DATABASE … TEMPLATE fails if another session is connected to the template; retry briefly.
  await admin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
        return;
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  const url = urlFor(name);
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  return {
    url,
    pool,
    drop: async () => {
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
