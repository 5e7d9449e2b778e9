/**
 * The change notices over the real Postgres: the contract shared with MemoryNotices, and the listening connection's
 * reconnect after Postgres terminated it (pg_terminate_backend), with the gap told and later notices heard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { describeNotices } from '../services/notices.contract';
import { PgNotices } from './pg-notices';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

// Two processes: each its own pool and listening connection, on one database.
describeNotices('PgNotices', async () => {
  const other = new pg.Pool({ connectionString: db.url, max: 2 });
  const a = new PgNotices({ pool: db.pool });
  const b = new PgNotices({ pool: other });
  return {
    a,
    b,
    listening: async () => void (await Promise.all([a.listening(), b.listening()])),
    close: async () => {
      await Promise.all([a.close(), b.close()]);
      await other.end();
    },
  };
});

describe('PgNotices reconnects', () => {
  it('listens again after Postgres terminated its connection, tells its listeners of the gap, and hears later notices', async () => {
    const errors: string[] = [];
    const notices = new PgNotices({ pool: db.pool, retryMs: 50, onError: (_err, message) => errors.push(message) });
    try {
      const heard: unknown[] = [];
      let gaps = 0;
      let onGap: () => void = () => undefined;
      let onNotice: () => void = () => undefined;
      notices.listen('exhibitions', { notice: (p) => (heard.push(p), onNotice()), gap: () => (gaps++, onGap()) });
      await notices.listening();
      expect(gaps).toBe(1); // listening began after the listener came: it may have missed something
      gaps = 0;
      const first = notices.backendPid!;
      const before = new Promise<void>((resolve) => (onNotice = resolve));
      await notices.notify('exhibitions', { exhibitionIds: ['before'] });
      await before;

      const gap = new Promise<void>((resolve) => (onGap = resolve));
      const started = performance.now();
      const { rows } = await db.pool.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [first]);
      expect(rows[0]!.ok).toBe(true);
      await gap; // the gap is told once the connection listens again
      console.log(`notices listened again ${Math.round(performance.now() - started)} ms after pg_terminate_backend`);
      expect(gaps).toBe(1);
      expect(notices.backendPid).not.toBe(first);
      expect(errors).toContain('notices: the listening connection to Postgres was lost; reconnecting');

      const after = new Promise<unknown>((resolve) => notices.listen('exhibitions', { notice: resolve }));
      await notices.notify('exhibitions', { exhibitionIds: ['after'] });
      expect(await after).toEqual({ exhibitionIds: ['after'] });
      expect(heard).toEqual([{ exhibitionIds: ['before'] }, { exhibitionIds: ['after'] }]);
    } finally {
      await notices.close();
    }
  });

  it('opens no connection until something listens, and none after close', async () => {
    const notices = new PgNotices({ pool: db.pool });
    expect(notices.backendPid).toBeNull();
    await notices.close();
    notices.listen('workshops', { notice: () => undefined });
    expect(notices.backendPid).toBeNull();
  });
});
