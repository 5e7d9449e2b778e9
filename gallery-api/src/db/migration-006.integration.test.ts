import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { createTestDatabaseBefore, type TestDatabase } from './test-database';

// 006 adds titles and descriptions per language: the Rijksmuseum importer had put its Dutch title at the head of the
// description ("Dutch title: …"), the only place it had. Rows written before it move it to `titles`.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabaseBefore('006');
});
afterAll(async () => {
  await db?.drop();
});

async function insert(id: string, source: string, title: string, description: string | null) {
  await db.pool.query(
    `INSERT INTO collection_works (id, source, source_id, title, description, licence_status, licence_uri, licence_family, licence_label, image_sha256)
     VALUES ($1, $2, $1, $3, $4, 'accepted', 'https://creativecommons.org/publicdomain/mark/1.0/', 'pdm', 'Public Domain Mark 1.0', 'abc')`,
    [id, source, title, description],
  );
}

describe('006_work_languages_regions', () => {
  it("moves the Rijksmuseum's Dutch title line into titles, and search finds works by it", async () => {
    await insert('scribes', 'rijksmuseum', 'Three Scribes', 'Dutch title: Drie schriftgeleerden onder een gordijn');
    await insert('ferry', 'rijksmuseum', 'River View with Ferry', 'Dutch title: Rivierlandschap met veerpont\n\nA ferry crosses the river.');
    await insert('untouched', 'rijksmuseum', 'Stilleven', 'Een stilleven.');
    await insert('elsewhere', 'met', 'Armchair', 'Dutch title: not the Rijksmuseum importer');

    await migrate(db.pool);
    const { rows } = await db.pool.query<{ id: string; titles: unknown; description: string | null }>('SELECT id, titles, description FROM collection_works ORDER BY id');
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.titles, r.description]]))).toEqual({
      scribes: [{ en: 'Three Scribes', nl: 'Drie schriftgeleerden onder een gordijn' }, null],
      ferry: [{ en: 'River View with Ferry', nl: 'Rivierlandschap met veerpont' }, 'A ferry crosses the river.'],
      untouched: [{}, 'Een stilleven.'],
      elsewhere: [{}, 'Dutch title: not the Rijksmuseum importer'],
    });
    const hits = await db.pool.query<{ id: string }>(`SELECT id FROM collection_works WHERE search @@ atelier_search_query($1::text[]) ORDER BY id`, [['schriftgeleerden']]);
    expect(hits.rows.map((r) => r.id)).toEqual(['scribes']);
  });
});
