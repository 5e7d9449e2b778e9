/**
 * Museum importers against the real fixtures served over real HTTP (pagination, retries on injected 429/503,
 * errors), into the real Postgres, with generated images. No request leaves 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workCredit } from '@atelier/contracts/credit';
import { aicImporter } from '@atelier/gallery-api/importers/aic.importer';
import { clevelandImporter } from '@atelier/gallery-api/importers/cleveland.importer';
import { europeanaImporter } from '@atelier/gallery-api/importers/europeana.importer';
import { iiifImporter } from '@atelier/gallery-api/importers/iiif.importer';
import { metImporter } from '@atelier/gallery-api/importers/met.importer';
import type { SourceImporter } from '@atelier/gallery-api/importers/remote-source';
import { smkImporter } from '@atelier/gallery-api/importers/smk.importer';
import { creditWorkOf } from '@atelier/gallery-api/services/collection-work';
import type { SyncOptions } from '@atelier/gallery-api/services/collection-sync.service';
import { startCollectionHarness, type CollectionHarness } from './collection-harness';
import { fixtureText, type FixtureServer } from './collection-fixture-server';

let h: CollectionHarness;
let server: FixtureServer;
let works: CollectionHarness['repositories']['works'];
let retries: string[];

beforeAll(async () => {
  h = await startCollectionHarness();
  ({ server, retries } = h);
  works = h.repositories.works;
  process.env.ATELIER_CONTACT = 'mailto:collections@museum.example';
});

afterAll(async () => h?.close());

const run = (importer: SourceImporter, opts: Partial<SyncOptions> & { baseUrl: string }, rate = 200, burst = 10) => h.run(importer, opts, { rate, burst });

const met237 = () => JSON.parse(server.localise(fixtureText('met/object-237-armchair.json'))) as Record<string, unknown>;

describe('The Met', () => {
  beforeAll(() => {
    server.json('/met/objects', { total: 4, objectIDs: [237, 45734, 13, 404] });
    server.json('/met/objects/237', met237);
    // Awkward cases from the notes, on the real record's shape: the staging host, and a work not in the public domain.
    server.json('/met/objects/45734', () => ({ ...met237(), objectID: 45734, title: 'Quail and Millet', objectURL: 'https://wwwstg.metmuseum.org/art/collection/search/45734' }));
    server.json('/met/objects/13', () => ({ ...met237(), objectID: 13, title: 'Still in copyright', isPublicDomain: false, primaryImage: '', rightsAndReproduction: '© Artist Estate' }));
  });

  it('imports open works, refuses the others with a reason, reports a missing object, and identifies itself', async () => {
    const report = await run(metImporter, { baseUrl: `${server.base}/met` });
    expect(report).toMatchObject({ imported: 2, refused: 1, failed: 1 });
    expect(report.outcomes.find((o) => o.sourceId === '13')).toMatchObject({ kind: 'refused', reason: expect.stringContaining('© Artist Estate') });
    expect(report.outcomes.find((o) => o.sourceId === '404')).toMatchObject({ kind: 'failed', reason: expect.stringContaining('HTTP 404') });

    const armchair = await works.findBySource('met', '237');
    expect(armchair).toMatchObject({
      title: 'Armchair', creator: 'Attributed to Pottier and Stymus Manufacturing Company', dateDisplay: 'ca. 1870–75', dateStart: 1867, dateEnd: 1875,
      institution: 'The Metropolitan Museum of Art', landingUrl: 'https://www.metmuseum.org/art/collection/search/237',
      licenceStatus: 'accepted', licenceUri: 'https://creativecommons.org/publicdomain/zero/1.0/', iiifService: null, width: 640, height: 480,
    });
    // The Met's own credit line, kept verbatim as the attribution it asks for.
    expect(armchair?.attribution).toBe('The Metropolitan Museum of Art, Funds from various donors, 1970');
    expect((await works.findBySource('met', '45734'))?.landingUrl).toBe('https://www.metmuseum.org/art/collection/search/45734');
    // The refused work's image is never downloaded.
    expect(server.requests.some((r) => r.path.includes('/img/') && r.path.includes('13.jpg'))).toBe(false);
    const ua = server.requests.find((r) => r.path === '/met/objects')?.headers['user-agent'];
    expect(ua).toMatch(/^OpenAtelier\/\d+\.\d+\.\d+ \(\+mailto:collections@museum\.example\)$/);
  });

  it('updates on re-import instead of duplicating, and asks only for changes since the last sync', async () => {
    server.json('/met/objects/237', () => ({ ...met237(), title: 'Armchair (renamed)' }));
    const report = await run(metImporter, { baseUrl: `${server.base}/met` });
    expect(report).toMatchObject({ imported: 0, updated: 1, unchanged: 1, refused: 1 });
    expect(report.since).toBeInstanceOf(Date);
    expect(server.requests.some((r) => /^\/met\/objects\?metadataDate=\d{4}-\d\d-\d\d$/.test(r.path))).toBe(true);
    const { rows } = await h.db.pool.query(`SELECT count(*)::int AS n FROM collection_works WHERE source = 'met'`);
    expect(rows[0].n).toBe(3);
    expect((await h.repositories.sources.get('met'))?.lastReport).toMatchObject({ updated: 1 });
  });
});

describe('Art Institute of Chicago', () => {
  beforeAll(() => {
    const artwork = JSON.parse(fixtureText('aic/artwork-11-shirlaw-self-portrait-public-domain.json'));
    const config = JSON.parse(server.localise(fixtureText('aic/config.json').replace('https://www.artic.edu/iiif/2', 'https://www.artic.edu/iiif/2')));
    // A full first page (100 works, 99 of them copies) forces the importer to ask for page 2.
    const full = Array.from({ length: 100 }, (_, i) => (i === 0 ? artwork : { ...artwork, id: 1000 + i, is_public_domain: false, image_id: null, copyright_notice: '© 2020 Artist' }));
    const page = (n: number) => ({ pagination: { total: 101, total_pages: 2, current_page: n }, data: n === 1 ? full : [{ ...artwork, id: 12, is_public_domain: false, copyright_notice: '© 2020 Artist' }], config });
    server.json('/aic/artworks/search', () => page(1));
    for (const n of [1, 2]) server.json(`/aic/artworks/search?${new URLSearchParams({ params: paramsJson(), fields: FIELDS, limit: '100', page: String(n) })}`, () => page(n));
  });

  it('retries 429 (honouring Retry-After) and 503, pages through results, and downloads through IIIF at a bounded size', async () => {
    server.fail('/aic/artworks/search', [429, 503], { 'retry-after': '0' });
    const report = await run(aicImporter, { baseUrl: `${server.base}/aic`, since: null });
    expect(retries.filter((r) => r.includes('/aic/'))).toEqual(['HTTP 429 /aic/artworks/search', 'HTTP 503 /aic/artworks/search']);
    expect(report).toMatchObject({ imported: 1, refused: 100 });
    expect(report.outcomes.find((o) => o.sourceId === '12')).toMatchObject({ kind: 'refused', reason: expect.stringContaining('© 2020 Artist') });
    const w = await works.findBySource('aic', '11');
    expect(w).toMatchObject({
      title: 'Self-Portrait', creator: 'Walter Shirlaw', creatorLife: 'American, 1838–1909', dateStart: 1878, dateEnd: 1878,
      width: 6125, height: 8002, description: null,
      iiifService: `${server.base}/img/www.artic.edu/iiif/2/7b7a6f39-1cd8-ea2f-9811-18b0e23edac0`,
      // AIC's own Presentation manifest of the artwork, on the API it came from.
      iiifManifest: `${server.base}/aic/artworks/11/manifest.json`,
    });
    expect(server.requests.some((r) => r.path === '/img/www.artic.edu/iiif/2/7b7a6f39-1cd8-ea2f-9811-18b0e23edac0/full/!1024,1024/0/default.jpg')).toBe(true);
    expect(server.requests.find((r) => r.path.startsWith('/aic/'))?.headers['aic-user-agent']).toMatch(/^OpenAtelier\//);
  });
});

const FIELDS = 'id,title,artist_display,artist_title,date_display,date_start,date_end,medium_display,is_public_domain,copyright_notice,image_id,thumbnail,credit_line';
const paramsJson = () => JSON.stringify({ query: { bool: { filter: [{ term: { is_public_domain: true } }, { exists: { field: 'image_id' } }] } }, sort: [{ id: 'asc' }] });

describe('Cleveland, SMK and Europeana', () => {
  it('reads Cleveland pixel sizes given as strings', async () => {
    const record = JSON.parse(server.localise(fixtureText('cleveland/artwork-130707-head-of-saint-john.json'))).data;
    server.json('/cma/artworks/', { info: { total: 1 }, data: [record] });
    const report = await run(clevelandImporter, { baseUrl: `${server.base}/cma` });
    expect(report).toMatchObject({ imported: 1 });
    const w = await works.findBySource('cma', '130707');
    expect(w).toMatchObject({ title: 'Head of Saint John the Baptist', dateStart: 1550, dateEnd: 1650, landingUrl: 'https://clevelandart.org/art/1953.424', licenceFamily: 'cc0' });
    expect(typeof w?.width).toBe('number');
    expect(w?.width).toBeGreaterThan(3000);
  });

  it("normalises SMK's CC0 web page and keeps its IIIF service", async () => {
    const item = JSON.parse(server.localise(fixtureText('smk/item-kks1615-altdorfer.json')));
    server.json('/smk/art/search/', { found: 1, items: [item] });
    expect(await run(smkImporter, { baseUrl: `${server.base}/smk` })).toMatchObject({ imported: 1 });
    expect(await works.findBySource('smk', 'KKS1615')).toMatchObject({
      licenceUri: 'https://creativecommons.org/publicdomain/zero/1.0/', rightsStatement: 'https://creativecommons.org/share-your-work/public-domain/cc0/',
      iiifService: `${server.base}/img/iip.smk.dk/iiif/jp2/kks1615.tif.jp2`, width: 3076, height: 5141, creator: 'Altdorfer, Albrecht', dateStart: 1479, dateEnd: 1537,
      iiifManifest: 'https://api.smk.dk/api/v1/iiif/manifest/?id=kks1615',
    });
  });

  it('follows the Europeana cursor, names creators given as entity URIs, and lets web-resource rights override', async () => {
    const search = JSON.parse(server.localise(fixtureText('europeana/search-cc0-27-items.json')));
    const items = search.items.slice(0, 4);
    // A record whose scan is NC although the aggregation says CC0: the web resource's rights win.
    items[3] = { ...items[3], webResources: [{ about: items[3].edmIsShownBy[0], webResourceEdmRights: { def: ['http://creativecommons.org/licenses/by-nc/4.0/'] } }] };
    server.json('/europeana/search.json', (() => {
      let call = 0;
      return () => (call++ === 0 ? { ...search, items } : { ...search, items: [], nextCursor: undefined });
    })());
    const report = await run(europeanaImporter, { baseUrl: `${server.base}/europeana`, apiKey: 'test_key', since: null });
    expect(report).toMatchObject({ imported: 3, refused: 1 });
    expect(server.requests.filter((r) => r.path.startsWith('/europeana/search.json')).map((r) => new URL(r.path, server.base).searchParams.get('cursor'))).toEqual(['*', 'test_next_cursor']);
    const first = await works.findBySource('europeana', '2022704/lod_oai_bibliotecadigital_jcyl_es_26229_ent1');
    expect(first).toMatchObject({
      creator: 'Villemin, Charles, fl. 1835-1849; Pérez Villaamil, Genaro, 1807-1854; Carderera, Valentín, 1796-1880',
      institution: 'Biblioteca Digital de Castilla y León',
      landingUrl: 'https://www.europeana.eu/item/2022704/lod_oai_bibliotecadigital_jcyl_es_26229_ent1',
      iiifManifest: 'https://iiif.europeana.eu/presentation/2022704/lod_oai_bibliotecadigital_jcyl_es_26229_ent1/manifest',
    });
    expect(report.outcomes[3]).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/Non-commercial/) });
  });
});

describe('IIIF manifests and collections', () => {
  it('refuses a manifest without a licence, accepts one with, one work per canvas, through a collection URL', async () => {
    const nga = JSON.parse(server.localise(fixtureText('iiif/v2-national-gallery-of-art-highlights.json')));
    const vam = JSON.parse(server.localise(fixtureText('iiif/v3-victoria-and-albert-museum-codex-forster-I.json')));
    server.json('/iiif/nga.json', nga);
    server.json('/iiif/nga-licensed.json', { ...nga, '@id': `${server.base}/iiif/nga-licensed.json`, license: 'http://creativecommons.org/publicdomain/zero/1.0/', attribution: 'National Gallery of Art, Washington' });
    server.json('/iiif/vam.json', { ...vam, rights: 'http://creativecommons.org/licenses/by/4.0/', requiredStatement: { label: { en: ['Attribution'] }, value: { en: ['© Victoria and Albert Museum, London'] } } });
    server.json('/iiif/collection.json', {
      '@context': 'http://iiif.io/api/presentation/3/context.json', id: `${server.base}/iiif/collection.json`, type: 'Collection', label: { en: ['Test'] },
      items: [{ id: `${server.base}/iiif/nga-licensed.json`, type: 'Manifest' }, { id: `${server.base}/iiif/vam.json`, type: 'Manifest' }],
    });

    const bare = await run(iiifImporter, { baseUrl: `${server.base}/iiif/nga.json`, limit: 2 });
    expect(bare).toMatchObject({ refused: 2, imported: 0 });
    expect(bare.outcomes[0]).toMatchObject({ reason: expect.stringContaining('No licence is stated') });

    const report = await run(iiifImporter, { baseUrl: `${server.base}/iiif/collection.json`, limit: 29 });
    // The two canvases refused before are the same works (source + canvas id): now updated, not duplicated.
    expect(report).toMatchObject({ imported: 27, updated: 2 });
    const selfPortrait = await works.findBySource('iiif', 'https://media.nga.gov/public/manifests/canvas/106382.json');
    expect(selfPortrait).toMatchObject({
      title: 'National Gallery of Art Collection Highlights — Self-Portrait', licenceFamily: 'cc0', width: 307, height: 402,
      iiifService: `${server.base}/img/media.nga.gov/iiif/public/objects/1/0/6/3/8/2/106382-primary-0-nativeres.ptif`,
      // The URL the manifest was read from (through the collection), which creations' manifests link to.
      iiifManifest: `${server.base}/iiif/nga-licensed.json`,
    });
    const cover = await works.findBySource('iiif', 'https://iiif.vam.ac.uk/MSL:1876:Forster:141:I/canvas/c0');
    expect(cover).toMatchObject({ licenceFamily: 'by', width: 1800, height: 1778, iiifService: `${server.base}/img/framemark.vam.ac.uk//collections/2006AW1773` }); // the V&A's own double slash, kept verbatim
    // The manifest's requiredStatement is the attribution the V&A asks for; the one builder puts it in the credit.
    expect(cover?.attribution).toBe('© Victoria and Albert Museum, London');
    expect(workCredit(creditWorkOf(cover!), 'en')).toMatch(/© Victoria and Albert Museum, London.* Licensed under CC BY 4\.0 \(https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/\)\.$/);
  });
});

describe('HTTP politeness', () => {
  it('spaces requests at the rate of the bucket, images included', async () => {
    server.json('/met/objects', { total: 4, objectIDs: [237, 45734, 13, 404] });
    const started = performance.now();
    await run(metImporter, { baseUrl: `${server.base}/met`, since: null }, 20, 1);
    const times = server.requests.filter((r) => r.at >= started).map((r) => r.at);
    // /objects, 4 objects, 2 images (the refused one is never fetched) = 7 requests at 20 a second.
    expect(times).toHaveLength(7);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(40);
  });

  it('gives up on a 4xx without retrying and reports the source as unreadable', async () => {
    server.fail('/aic/artworks/search', [403]);
    const before = retries.length;
    await expect(run(aicImporter, { baseUrl: `${server.base}/aic`, since: null })).rejects.toThrow('HTTP 403');
    expect(retries.length).toBe(before);
  });
});
