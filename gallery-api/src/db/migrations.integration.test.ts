import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { createTestDatabaseBefore, type TestDatabase } from './test-database';

// 005 turns `collection_works.credit` (a text a second builder wrote at import) into `attribution` (only what the
// institution asked for): rows written before it are migrated by what the old builder provably wrote.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabaseBefore('005');
});
afterAll(async () => {
  await db?.drop();
});

const CC0 = ['https://creativecommons.org/publicdomain/zero/1.0/', 'cc0', 'CC0 1.0'];
const BY = ['https://creativecommons.org/licenses/by/4.0/', 'by', 'CC BY 4.0'];

async function insert(id: string, credit: string | null, licence = CC0, extra: { creator?: string | null; date?: string | null; institution?: string | null } = {}) {
  await db.pool.query(
    `INSERT INTO collection_works (id, source, source_id, title, creator, date_display, institution, licence_status, licence_uri, licence_family,
       licence_label, credit, image_sha256)
     VALUES ($1, 'test', $1, 'The Harvesters', $2, $3, $4, 'accepted', $5, $6, $7, $8, 'abc')`,
    [id, extra.creator === undefined ? 'Pieter Bruegel the Elder' : extra.creator, extra.date === undefined ? '1565' : extra.date,
      extra.institution === undefined ? 'The Metropolitan Museum of Art' : extra.institution, ...licence, credit],
  );
}

describe('005_work_attribution', () => {
  it('keeps the institution\'s words, clears the lines the old builder wrote, and strips the licence it appended', async () => {
    // What the old builder (collection-credit.ts) wrote: its TASL line when the source gave no attribution…
    await insert('built', '“The Harvesters”, Pieter Bruegel the Elder, 1565, The Metropolitan Museum of Art — CC0 1.0');
    await insert('built-by', '“The Harvesters”, 1565 — CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)', BY, { creator: null, institution: ' ' });
    // …the source's attribution with the licence appended when it named none…
    await insert('appended', 'The Metropolitan Museum of Art, Rogers Fund, 1919 — CC0 1.0');
    await insert('appended-by', '© Victoria and Albert Museum, London — CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)', BY);
    // …or the source's attribution verbatim, because it named the licence.
    await insert('verbatim', 'Photo: Museum X. Public domain, CC0 1.0');
    await insert('none', null);

    await migrate(db.pool);
    const { rows } = await db.pool.query<{ id: string; attribution: string | null }>('SELECT id, attribution FROM collection_works ORDER BY id');
    expect(Object.fromEntries(rows.map((r) => [r.id, r.attribution]))).toEqual({
      built: null,
      'built-by': null,
      appended: 'The Metropolitan Museum of Art, Rogers Fund, 1919',
      'appended-by': '© Victoria and Albert Museum, London',
      verbatim: 'Photo: Museum X. Public domain, CC0 1.0',
      none: null,
    });
    const columns = await db.pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'collection_works' AND column_name = 'credit'`);
    expect(columns.rows).toEqual([]);
  });
});
