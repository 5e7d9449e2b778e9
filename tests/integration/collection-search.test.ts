/**
 * Search, filters, facets and IIIF details through the real routes on the real Postgres: Dutch and English
 * stems, accent folding, institution / licence / date / IIIF filters, paging, and regions fetched through IIIF
 * or cut from the stored original when the museum cannot be reached.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorks, type ImportCandidate } from '@atelier/gallery-api/services/collection-import.service';
import { startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';
import { createTestDatabase } from '@atelier/gallery-api/db/test-database';
import { startFixtureServer, type FixtureServer } from './collection-fixture-server';

let g: TestGallery;
let server: FixtureServer;

const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const BY = 'https://creativecommons.org/licenses/by/4.0/';

beforeAll(async () => {
  // The fixture server is on 127.0.0.1: the tests' hook lets details be fetched from it (never set in production).
  g = await startTestGallery({ env: { GALLERY_IIIF_HOSTS: '127.0.0.1', TEST_ALLOW_PRIVATE_IMAGE_HOSTS: '1' } });
  server = await startFixtureServer();
  const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#8a5' } }).jpeg().toBuffer();
  const work = (sourceId: string, extra: Partial<ImportCandidate>): ImportCandidate => ({
    source: 'test', sourceId, title: sourceId, creator: null, creatorLife: null, dateDisplay: null, medium: null, description: null,
    institution: 'Rijksmuseum', landingUrl: null, rightsStatement: null, licence: CC0, attribution: null,
    image: { expectedSha256: null, read: async () => jpeg }, ...extra,
  });
  const report = await importWorks([
    work('nachtwacht', { title: 'De Nachtwacht', creator: 'Rembrandt van Rijn', description: 'Schutters van wijk II onder leiding van kapitein Frans Banninck Cocq', dateStart: 1642, dateEnd: 1642,
      iiifService: `${server.base}/img/iiif.micr.io/nachtwacht`, pixelWidth: 1600, pixelHeight: 1200 }),
    work('schilderijen', { title: 'Twee schilderijen aan de wand', creator: 'Anonymous', dateStart: 1700, dateEnd: 1750, iiifService: 'http://127.0.0.1:9/iiif/offline', pixelWidth: 1600, pixelHeight: 1200 }),
    work('paintings', { title: 'Still life with paintings', creator: 'Émile Bernard', institution: 'The Metropolitan Museum of Art', dateStart: 1890, dateEnd: 1891, licence: BY }),
    work('melkmeisje', { title: 'Het melkmeisje', creator: 'Johannes Vermeer', description: 'A maid pouring milk', dateStart: 1660, dateEnd: 1661 }),
    work('closed', { title: 'Nachtwacht copy', licence: 'https://creativecommons.org/licenses/by-nc/4.0/' }),
  ], g.gallery.importing);
  expect(report).toMatchObject({ imported: 4, refused: 1 });
});

afterAll(async () => {
  await g?.close();
  await server?.close();
});

const ids = async (query: string) => {
  const res = await g.app.inject({ method: 'GET', url: `/api/gallery/works?${query}` });
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: { id: string }[] }).items.map((w) => w.id);
};

describe('full-text search', () => {
  it.each([
    ['q=nachtw', ['test-nachtwacht']],
    ['q=schilderij', ['test-schilderijen']], // Dutch stem: schilderijen → schilderij
    ['q=painting', ['test-paintings']], // English stem: paintings → paint
    ['q=emile', ['test-paintings']], // accents folded: Émile
    ['q=%C3%A9mile', ['test-paintings']],
    ['q=milk', ['test-melkmeisje']], // description
    ['q=kapitein%20cocq', ['test-nachtwacht']],
    ['q=rembrandt', ['test-nachtwacht']], // creator
  ])('%s → %j (never the refused work)', async (query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });
});

describe('filters and facets', () => {
  it.each([
    ['institution=The%20Metropolitan%20Museum%20of%20Art', ['test-paintings']],
    ['licence=by', ['test-paintings']],
    ['licence=cc0,pdm', ['test-melkmeisje', 'test-nachtwacht', 'test-schilderijen']],
    ['from=1650&to=1700', ['test-melkmeisje', 'test-schilderijen']],
    ['iiif=true', ['test-nachtwacht', 'test-schilderijen']],
    ['iiif=false&q=het', ['test-melkmeisje']],
    ['pageSize=2&page=2', ['test-paintings', 'test-schilderijen']],
  ])('%s → %j', async (query, expected) => {
    expect((await ids(query)).sort()).toEqual(expected);
  });

  it('refuses a reversed date range and unknown licence families', async () => {
    expect((await g.app.inject({ method: 'GET', url: '/api/gallery/works?from=1900&to=1800' })).statusCode).toBe(400);
    expect((await g.app.inject({ method: 'GET', url: '/api/gallery/works?licence=nc' })).statusCode).toBe(400);
  });

  it('puts the source and IIIF flag on every result, and offers facets', async () => {
    const res = await g.app.inject({ method: 'GET', url: '/api/gallery/works?q=nachtwacht' });
    expect(res.json().items[0]).toMatchObject({ source: 'test', iiif: true, licence: { family: 'cc0' }, width: 1600, height: 1200 });
    const facets = (await g.app.inject({ method: 'GET', url: '/api/gallery/works/facets' })).json();
    expect(facets).toEqual({
      institutions: [{ value: 'Rijksmuseum', count: 3 }, { value: 'The Metropolitan Museum of Art', count: 1 }],
      licences: [{ family: 'cc0', count: 3 }, { family: 'by', count: 1 }],
      dates: { min: 1642, max: 1891 },
      iiif: 2,
      total: 4,
    });
  });
});

describe('GET /works/:id/region', () => {
  const region = (id: string, q: string) => g.app.inject({ method: 'GET', url: `/api/gallery/works/${id}/region?${q}` });

  it('fetches the region grown to the grid through the IIIF image service, and answers exactly the region asked', async () => {
    const res = await region('test-nachtwacht', 'x=100&y=200&w=800&h=400&size=512');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['x-region-source']).toBe('iiif');
    // 1600 px wide: an 8 px grid; the tile is 96..904 × 200..600, at the 512 px tile size.
    expect(server.requests.at(-1)?.path).toBe('/img/iiif.micr.io/nachtwacht/96,200,808,400/!512,512/0/default.jpg');
    // 800 of the tile's 808 px, within the 512 px box asked (the tile is cut, not stretched).
    expect(await sharp(res.rawPayload).metadata()).toMatchObject({ width: 507, height: 253 });
    const requests = server.requests.length;
    expect((await region('test-nachtwacht', 'x=101&y=203&w=797&h=395&size=500')).headers['x-region-source']).toBe('cache');
    expect(server.requests.length).toBe(requests);
  });

  it('asks the service for the painted region of a work that is a region of its image (issue 15, defect 4)', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#456' } }).jpeg().toBuffer();
    await importWorks([{
      source: 'test', sourceId: 'folio', title: 'Folio', creator: null, creatorLife: null, dateDisplay: null, medium: null, description: null,
      institution: 'Victoria and Albert Museum', landingUrl: null, rightsStatement: null, licence: CC0, attribution: null,
      iiifService: `${server.base}/img/iiif.micr.io/codex`, iiifRegion: { x: 140, y: 870, w: 1800, h: 1778 }, pixelWidth: 1800, pixelHeight: 1778,
      image: { expectedSha256: null, read: async () => jpeg },
    }], g.gallery.importing);
    const res = await region('test-folio', 'x=0&y=0&w=512&h=512&size=256');
    expect(res.headers['x-region-source']).toBe('iiif');
    expect(server.requests.at(-1)?.path).toBe('/img/iiif.micr.io/codex/140,870,512,512/!256,256/0/default.jpg');
  });

  it('cuts the stored original when the museum is unreachable, scaled to its pixels', async () => {
    const res = await region('test-schilderijen', 'x=0&y=0&w=800&h=600&size=1024');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-region-source']).toBe('crop');
    // The stored original is 800×600 for a 1600×1200 work: the region is half of it, 400×300.
    expect(await sharp(res.rawPayload).metadata()).toMatchObject({ width: 400, height: 300 });
  });

  it('cuts the stored original of a work without a service', async () => {
    const res = await region('test-melkmeisje', 'x=400&y=300&w=400&h=300&size=200');
    expect(res.headers['x-region-source']).toBe('crop');
    expect(await sharp(res.rawPayload).metadata()).toMatchObject({ width: 200, height: 150 });
  });

  it.each([
    ['test-nachtwacht', 'x=1500&y=0&w=200&h=10', 400, 'region_out_of_bounds'],
    ['test-nachtwacht', 'x=0&y=0&w=0&h=10', 400, 'validation_failed'],
    ['test-nachtwacht', 'x=0&y=0&w=10&h=10&size=4096', 400, 'validation_failed'],
    ['test-closed', 'x=0&y=0&w=10&h=10', 404, 'work_not_found'],
  ])('%s ?%s → %i %s', async (id, q, status, code) => {
    const res = await region(id, q);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });
});

describe('ranking, totals and the query built in the database', () => {
  it('repeats no stem the prefix already covers, and ANDs the words', async () => {
    const { rows } = await g.pool.query<{ q: string }>(`SELECT atelier_search_query($1::text[])::text AS q`, [['landscapes', 'portrait', 'schilderijen', 'the']]);
    expect(rows[0]?.q).toBe(`( 'landscap' | 'landscapes':* ) & 'portrait':* & ( 'schilderij' | 'schilderijen':* ) & 'the':*`);
  });

  it('ranks every hit (title before creator before description) and counts them, exactly once every work is seen', async () => {
    // Inserted after the facet test: rows that only this block reads, visible without images on disk.
    await g.pool.query(
      `INSERT INTO collection_works (id, source, source_id, title, creator, description, licence_status, licence_uri, licence_family,
         image_sha256, image_keys)
       SELECT 'rank-' || i, 'rank', i::text, CASE WHEN i = 2999 THEN 'Harbour at dusk' ELSE 'Untitled ' || i END,
         CASE WHEN i = 1500 THEN 'Harbour Master' ELSE 'Anonymous' END, 'A quiet harbour ' || i, 'accepted',
         'https://creativecommons.org/publicdomain/zero/1.0/', 'cc0', repeat('a', 64), '{}'::jsonb
       FROM generate_series(1, 3000) AS i`,
    );
    const res = await g.app.inject({ method: 'GET', url: '/api/gallery/works?q=harbours&pageSize=3' });
    const body = res.json() as { items: { id: string }[]; total: number; totalIsLowerBound?: boolean };
    // The old window ranked only the first 2,000 hits found: rank-2999's title hit was never seen.
    expect(body.items.map((w) => w.id).slice(0, 2)).toEqual(['rank-2999', 'rank-1500']);
    // Issue 16: the first page comes from a walk of the first 300 works in rank order, so its total is what the walk
    // met, a lower bound; a page the walk had to see every work for counts them exactly.
    expect(body.totalIsLowerBound).toBe(true);
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(body.total).toBeLessThanOrEqual(3000);
    const past = (await g.app.inject({ method: 'GET', url: '/api/gallery/works?q=harbour&pageSize=60&page=60' })).json();
    expect(past).toMatchObject({ items: [], total: 3000 });
  });
});

describe('ranking at scale (issue 16 item 1)', () => {
  const page = async (query: string) => {
    const res = await g.app.inject({ method: 'GET', url: `/api/gallery/works?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json() as { items: { id: string }[]; total: number; totalIsLowerBound: boolean };
  };

  it('ranks a title word above a title prefix above the creator above the description, stems as words', async () => {
    await g.pool.query(
      `INSERT INTO collection_works (id, source, source_id, title, creator, description, licence_status, licence_uri, licence_family,
         image_sha256, image_keys, iiif_service)
       VALUES ('tier-desc', 'tier', 'd', 'Untitled', 'Anonymous', 'A lighthouse by the sea', 'accepted', $1, 'cc0', repeat('b', 64), '{}', 'https://i.example/d'),
              ('tier-creator', 'tier', 'c', 'Untitled', 'Lighthouse Keeper', NULL, 'accepted', $1, 'cc0', repeat('b', 64), '{}', 'https://i.example/c'),
              ('tier-prefix', 'tier', 'p', 'Lighthousekeeping', 'Anonymous', NULL, 'accepted', $1, 'cc0', repeat('b', 64), '{}', 'https://i.example/p'),
              ('tier-word', 'tier', 'w', 'The lighthouse', 'Anonymous', NULL, 'accepted', $1, 'cc0', repeat('b', 64), '{}', 'https://i.example/w'),
              ('tier-stem', 'tier', 's', 'Twee vuurtorens', 'Anonymous', 'lighthouses', 'accepted', $1, 'cc0', repeat('b', 64), '{}', 'https://i.example/s')`,
      [CC0],
    );
    expect((await page('q=lighthouse')).items.map((w) => w.id)).toEqual(['tier-word', 'tier-prefix', 'tier-creator', 'tier-desc', 'tier-stem']);
    // English stem: "lighthouses" finds the title word "lighthouse" first; Dutch stem: "vuurtoren" the title "vuurtorens".
    expect((await page('q=lighthouses')).items.map((w) => w.id)[0]).toBe('tier-word');
    expect((await page('q=vuurtoren')).items.map((w) => w.id)).toEqual(['tier-stem']);
  });

  it('answers every page as ranking every match would, whether the walk, the title index or the GIN index answers it', async () => {
    // The 3,000 works of the test above, and 1,200 more where "harbour" begins a title, so every step is taken.
    await g.pool.query(
      `INSERT INTO collection_works (id, source, source_id, title, creator, description, licence_status, licence_uri, licence_family,
         image_sha256, image_keys, institution, iiif_service)
       SELECT 'walk-' || i, 'walk', i::text, CASE WHEN i % 3 = 0 THEN 'Harbourside ' || i WHEN i % 3 = 1 THEN 'Harbour ' || i ELSE 'Quay ' || i END,
         CASE WHEN i % 7 = 0 THEN 'Harbo Masters' ELSE 'Anonymous' END, CASE WHEN i % 2 = 0 THEN 'boats' ELSE NULL END, 'accepted', $1, 'cc0',
         repeat('c', 64), '{}'::jsonb, CASE WHEN i % 4 = 0 THEN 'Rijksmuseum' ELSE 'Elsewhere' END,
         CASE WHEN i % 5 = 0 THEN 'https://i.example/' || i END
       FROM generate_series(1, 1200) AS i`,
      [CC0],
    );
    await g.pool.query('ANALYZE collection_works');
    const expected = async (words: string[], filter: string, limit: number, offset: number) => {
      const { rows } = await g.pool.query<{ id: string }>(
        `WITH q AS (SELECT atelier_search_query($1::text[]) AS pre, atelier_search_words($1::text[]) AS exact)
         SELECT w.id FROM collection_works w, q
         WHERE w.licence_status = 'accepted' AND w.image_sha256 IS NOT NULL AND w.search @@ q.pre AND ${filter}
         ORDER BY CASE WHEN w.search_title @@ q.exact THEN 0 WHEN w.search_title @@ q.pre THEN 1 WHEN w.search_creator @@ q.pre THEN 2 ELSE 3 END,
           w.search_rank, w.id COLLATE "C" LIMIT $2 OFFSET $3`,
        [words, limit, offset],
      );
      return rows.map((r) => r.id);
    };
    const cases: [string, string[], string][] = [
      ['q=harbour', ['harbour'], 'true'], // tier 0 from the walk
      ['q=harb', ['harb'], 'true'], // tier 1: the title index completes the page
      ['q=harbo', ['harbo'], 'true'],
      ['q=quay%20harbour', ['quay', 'harbour'], 'true'], // in no title together: the GIN index
      ['q=boats', ['boats'], 'true'], // descriptions only: the title and creator indexes complete the walk's page
      ['q=quay%20boats', ['quay', 'boats'], 'true'],
      ['q=harbour&institution=Rijksmuseum', ['harbour'], `w.institution = 'Rijksmuseum'`],
      ['q=harb&iiif=true', ['harb'], 'w.iiif_service IS NOT NULL'],
      ['q=masters', ['masters'], 'true'], // the creator
    ];
    for (const [query, words, filter] of cases)
      for (const [size, n] of [[24, 1], [24, 3], [50, 7]] as const) {
        const got = await page(`${query}&pageSize=${size}&page=${n}`);
        expect(got.items.map((w) => w.id), `${query} page ${n}`).toEqual(await expected(words, filter, size, (n - 1) * size));
      }
  });

  it('matches through the index of lexemes and their beginnings exactly the works the search vector matches (migration 023)', async () => {
    // A lexeme longer than the longest word searched: its first 64 letters are indexed, and a visitor's word is cut there.
    const long = `rijks${'a'.repeat(70)}`;
    await g.pool.query(
      `INSERT INTO collection_works (id, source, source_id, title, creator, description, licence_status, licence_uri, licence_family, image_sha256, image_keys)
       VALUES ('long-word', 'long', '1', $1, 'Anonymous', NULL, 'accepted', $2, 'cc0', repeat('d', 64), '{}')`,
      [`A ${long} view`, CC0],
    );
    const matches = async (words: string[], where: string) =>
      (await g.pool.query<{ id: string }>(`SELECT id FROM collection_works w WHERE ${where} ORDER BY id`, [words])).rows.map((r) => r.id);
    const wordSets = [
      ['harb'], ['harbour'], ['harbours'], ['h'], ['quay', 'harbour'], ['boats'], ['lighthouses'], ['vuurtoren'], ['schilderij'],
      ['schilderijen'], ['emile'], ['masters'], ['nachtw'], ['het'], ['untitled', '29'], [long.slice(0, 64)], ['rijksaaa'], ['zzz'],
    ];
    for (const words of wordSets) {
      const byVector = await matches(words, 'w.search @@ atelier_search_query($1::text[])');
      expect(await matches(words, 'atelier_prefixes(w.search) @@ atelier_prefix_query($1::text[])'), words.join(' ')).toEqual(byVector);
    }
    expect(await matches([long.slice(0, 64)], 'atelier_prefixes(w.search) @@ atelier_prefix_query($1::text[])')).toEqual(['long-word']);
    // Too rare for the walk (past its 300 works in rank order): the page comes from that index.
    for (const q of ['rijksaaa', 'rijksaaa%20vie', long]) expect((await page(`q=${q}`)).items.map((w) => w.id), q).toEqual(['long-word']);
    expect((await page('q=harbour%20quay&pageSize=5')).items).toHaveLength(0);
  });

  it('reads a rare word through the GIN index at 10,000 works, not a sequential scan (item 7 of the issue)', async () => {
    const db = await createTestDatabase();
    try {
      await db.pool.query(
        `INSERT INTO collection_works (id, source, source_id, title, creator, description, licence_status, licence_uri, licence_family,
           image_sha256, image_keys, date_start, date_end)
         SELECT 'ten-' || i, 'ten', i::text, (ARRAY['Portrait', 'River landscape', 'Still life'])[1 + i % 3] || ' ' || i, 'Anonymous',
           CASE WHEN i % 5000 = 0 THEN 'A zeppelin' ELSE 'A quiet view' END, 'accepted', $1, 'cc0', md5(i::text) || md5(i::text), '{}'::jsonb,
           1400 + i % 500, 1400 + i % 500 + i % 7
         FROM generate_series(1, 10000) AS i`,
        [CC0],
      );
      // What autovacuum does after a bulk import: statistics, and the visibility map index-only scans need.
      await db.pool.query('VACUUM ANALYZE collection_works');
      // The fallback's shape (repositories/work-search.postgres.ts `rankAll`): the query in an initplan, every prefix a
      // lexeme of the index of beginnings (migration 023), for a rare word and for two common words in no work together.
      for (const words of ['{zeppelin}', '{portrait,river}']) {
        const plan = await db.pool.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT w.id FROM collection_works w
           WHERE w.licence_status = 'accepted' AND w.image_sha256 IS NOT NULL AND atelier_prefixes(w.search) @@ (SELECT atelier_prefix_query($1))`,
          [words],
        );
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), words).toMatch(/Bitmap Index Scan on collection_works_search_prefix_idx/);
      }
      // Listing by years counts from the first work ending in the range, not from the first work of all (`browse`).
      const years = await db.pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT count(*) FROM (SELECT 1 FROM collection_works WHERE licence_status = 'accepted' AND image_sha256 IS NOT NULL
           AND coalesce(date_end, date_start) >= 1600::int AND coalesce(date_start, date_end) <= 1650::int LIMIT 1001) AS hits`,
      );
      expect(years.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Only Scan using collection_works_date_to_idx/);
      const title = await db.pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT w.id FROM collection_works w
         WHERE w.licence_status = 'accepted' AND w.image_sha256 IS NOT NULL AND w.search_title @@ (SELECT atelier_search_words('{zeppelin}'))`,
      );
      expect(title.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on collection_works_search_title_idx/);
    } finally {
      await db.drop();
    }
  });
});

describe('titles and descriptions per language (issue 15, defect 7)', () => {
  it("finds a work by its Dutch title and Dutch description, stemmed, and shows the title in the visitor's language", async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#235' } }).jpeg().toBuffer();
    await importWorks([{
      source: 'test', sourceId: 'starry', title: 'The Starry Night', titles: { en: 'The Starry Night', nl: 'De sterrennacht' },
      descriptions: { nl: 'Een dorp onder wervelende sterren' }, creator: 'Vincent van Gogh', creatorLife: null, dateDisplay: '1889', medium: null,
      description: null, institution: 'The Museum of Modern Art', landingUrl: null, rightsStatement: null, licence: CC0, attribution: null,
      image: { expectedSha256: null, read: async () => jpeg },
    }], g.gallery.importing);
    expect(await ids('q=sterrennacht')).toEqual(['test-starry']);
    expect(await ids('q=wervelend')).toEqual(['test-starry']); // Dutch stem of "wervelende"
    const res = await g.app.inject({ method: 'GET', url: '/api/gallery/works/test-starry' });
    expect(res.json()).toMatchObject({ title: 'The Starry Night' });
    const nl = await g.app.inject({ method: 'GET', url: '/api/gallery/works/test-starry?lang=nl' });
    expect(nl.json()).toMatchObject({ title: 'De sterrennacht', description: 'Een dorp onder wervelende sterren' });
    expect(nl.json().credit).toMatch(/^“De sterrennacht” door Vincent van Gogh, 1889\. /);
    const list = await g.app.inject({ method: 'GET', url: '/api/gallery/works?q=sterrennacht&lang=nl' });
    expect(list.json().items[0]).toMatchObject({ title: 'De sterrennacht' });
  });
});
