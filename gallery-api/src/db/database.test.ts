import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase, preparedQuery } from './database';

describe('preparedQuery', () => {
  const query = { name: 'probe-plus-one', text: 'SELECT $1::int + 1 AS n' };

  it('names the statement on Postgres, so each connection plans it once', () => {
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    expect(preparedQuery(pool, query, [1])).toEqual({ ...query, values: [1] });
    void pool.end();
  });

  it("leaves it unnamed on PGlite, whose one backend keeps a name past the connection that prepared it", async () => {
    const db = await openDatabase({ pgliteDir: 'memory://' });
    try {
      expect(preparedQuery(db.pool, query, [1])).toEqual({ text: query.text, values: [1] });
      expect((await db.pool.query(preparedQuery(db.pool, query, [1]))).rows).toEqual([{ n: 2 }]);
      (await db.pool.connect()).release(true); // the pool's next query runs on a new connection
      expect((await db.pool.query(preparedQuery(db.pool, query, [2]))).rows).toEqual([{ n: 3 }]);
    } finally {
      await db.close();
    }
  });
});
