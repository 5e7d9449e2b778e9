import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { createTestDatabaseBefore, type TestDatabase } from './test-database';

// 009 (a code migration): rows imported before the importers parsed display dates get the year range the import path
// now gives them, so the year filter finds them.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabaseBefore('009');
});
afterAll(async () => {
  await db?.drop();
});

async function insert(id: string, dateDisplay: string | null, start: number | null, end: number | null) {
  await db.pool.query(
    `INSERT INTO collection_works (id, source, source_id, title, date_display, date_start, date_end, licence_status, licence_uri, licence_family, licence_label, image_sha256)
     VALUES ($1, 'local', $1, $1, $2, $3, $4, 'accepted', 'https://creativecommons.org/publicdomain/mark/1.0/', 'pdm', 'Public Domain Mark 1.0', 'abc')`,
    [id, dateDisplay, start, end],
  );
}

describe('009_work_date_ranges', () => {
  it('gives rows without a range the display date’s, corrects a range that leaves out what is shown, and keeps the rest', async () => {
    await insert('wave', 'c. 1830–1832', null, null);
    await insert('circus', '1887–88', 1887, 1887);
    await insert('vermeer', 'circa 1665', null, null);
    await insert('ruins', 'before 1600', null, null);
    await insert('met', 'ca. 1665', 1660, 1670);
    await insert('undated', 'undated', null, null);
    await insert('none', null, 1700, 1710);

    expect(await migrate(db.pool)).toContain('009_work_date_ranges');
    const { rows } = await db.pool.query<{ id: string; date_start: number | null; date_end: number | null }>(
      'SELECT id, date_start, date_end FROM collection_works ORDER BY id',
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.date_start, r.date_end]]))).toEqual({
      wave: [1830, 1832],
      circus: [1887, 1888],
      vermeer: [1665, 1665],
      ruins: [1550, 1600],
      met: [1660, 1670],
      undated: [null, null],
      none: [1700, 1710],
    });
    // Applied once: a second run changes nothing and reports nothing.
    expect(await migrate(db.pool)).toEqual([]);
  });
});
