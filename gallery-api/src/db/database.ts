import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { isDatabaseUnavailable } from './errors';

export interface Database {
  pool: pg.Pool;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** Pools on PGlite: its one backend outlives each connection to its socket, and keeps what they prepared. */
const pglitePools = new WeakSet<pg.Pool>();

/**
 * `query` as a named statement, planned once per connection, on Postgres. Unnamed on PGlite: a pool's next connection
 * there would find the name taken ("prepared statement … already exists") by the one before.
 */
export function preparedQuery(db: pg.Pool, query: { name: string; text: string }, values: unknown[]): pg.QueryConfig {
  return pglitePools.has(db) ? { text: query.text, values } : { name: query.name, text: query.text, values };
}

/**
 * A real Postgres when DATABASE_URL is set; otherwise an embedded PGlite behind a local socket,
 * so the same `pg` code runs on a laptop with nothing installed.
 */
export async function openDatabase(opts: {
  url?: string;
  pgliteDir: string;
  max?: number;
  /** An idle connection broke (the server restarted): logged; the pool replaces it by itself. */
  onIdleError?: (err: Error) => void;
}): Promise<Database> {
  if (opts.url) {
    const pool = resilientPool({ connectionString: opts.url, max: opts.max ?? 10 }, opts.onIdleError);
    return { pool, kind: 'postgres', close: () => pool.end() };
  }
  // PGlite is one process's database: when a gallery already runs on this data dir, share its socket
  // (so `npm run collection` works while the studio runs) instead of opening the files twice.
  const shared = await runningPgliteUrl(opts.pgliteDir);
  if (shared) {
    const pool = resilientPool({ connectionString: shared, max: 1 }, opts.onIdleError);
    pglitePools.add(pool);
    return { pool, kind: 'pglite', close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  if (!opts.pgliteDir.startsWith('memory://')) await mkdir(opts.pgliteDir, { recursive: true });
  const db = await PGlite.create(opts.pgliteDir);
  // PGlite checks no password, so no TCP port: a Unix socket only this user can open, in a private (0700) folder
  // under the temporary directory (a socket path must stay under ~100 bytes), the socket itself 0600.
  const socketDir = await mkdtemp(join(tmpdir(), 'atelier-pglite-'));
  const socketPath = join(socketDir, '.s.PGSQL.5432');
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 });
  await server.start();
  await chmod(socketPath, 0o600);
  const url = pgliteSocketUrl(socketDir);
  const urlFile = opts.pgliteDir.startsWith('memory://') ? null : `${opts.pgliteDir}.url`;
  // Where the socket is, for `npm run collection` and `npm run staff` while the studio runs: this user only.
  if (urlFile) {
    await writeFile(urlFile, url, { mode: 0o600 });
    await chmod(urlFile, 0o600); // a file left by an older version keeps its mode on write
  }
  // PGlite is single-threaded: one connection avoids interleaving transactions on its one backend.
  const pool = resilientPool({ connectionString: url, max: 1 }, opts.onIdleError);
  pglitePools.add(pool);
  return {
    pool,
    kind: 'pglite',
    close: async () => {
      await pool.end();
      await server.stop();
      await db.close();
      if (urlFile) await rm(urlFile, { force: true });
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}

/** A `pg` connection string to the PGlite socket in `socketDir` (`.s.PGSQL.5432`, as PostgreSQL names it). */
export const pgliteSocketUrl = (socketDir: string): string => `postgres://postgres@${encodeURIComponent(socketDir)}:5432/postgres`;

async function runningPgliteUrl(dir: string): Promise<string | null> {
  if (dir.startsWith('memory://')) return null;
  let url: string;
  try {
    url = (await readFile(`${dir}.url`, 'utf8')).trim();
  } catch {
    return null;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return url;
  } catch {
    return null; // a stale file from a process that died: open the directory ourselves
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A pool that lives through a database restart. Without an 'error' listener, an idle connection that the server
 * closes (a restart, a failover) is an unhandled 'error' event that ends the process; with one, the pool drops
 * that connection and opens a new one on the next query, and queries meanwhile fail fast (503 `database_unavailable`,
 * db/errors.ts) instead of waiting: a connection attempt gives up after 5 s.
 */
export function resilientPool(config: pg.PoolConfig, onIdleError: (err: Error) => void = () => undefined): pg.Pool {
  const pool = new pg.Pool({ connectionTimeoutMillis: 5_000, keepAlive: true, ...config });
  pool.on('error', onIdleError);
  return pool;
}

/** Runs `fn` in a transaction on one client. */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A checked-out client has no listener of the pool's: a server restart between two statements would be an
  // unhandled 'error' event (the process ends). The next query fails instead, and the client is thrown away.
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (isDatabaseUnavailable(err)) broken ??= err as Error;
    throw err;
  } finally {
    client.off('error', onError);
    // A client whose connection broke is closed (release(err)) instead of going back to the pool.
    client.release(broken);
  }
}

export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;
