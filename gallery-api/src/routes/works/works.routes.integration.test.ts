import { rm } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LICENCES, writeCollectionFolder } from '../../importers/folder.fixtures';
import { importFolder } from '../../importers/folder.importer';
import { startTestGallery, type TestGallery } from '../../testing/test-gallery';

let g: TestGallery;
let folder: string;

beforeAll(async () => {
  g = await startTestGallery();
  folder = await writeCollectionFolder([
    { id: 'starry-night', title: 'The Starry Night', creator: 'Vincent van Gogh', licence: LICENCES.pdm, size: 600 },
    { id: 'starfish', title: 'Starfish Study', creator: 'Anna Atkins', licence: LICENCES.cc0, extra: { attribution: 'Test Museum, gift of the Atkins family' } },
    { id: 'harvest-moon', title: 'Harvest Moon', creator: 'Jan Mankes', licence: LICENCES.by },
    { id: 'rainy-day', title: 'Paris Street; Rainy Day', creator: 'Gustave Caillebotte', licence: LICENCES.bySa },
    { id: 'closed', title: 'Starry Closed Work', creator: 'Vincent van Gogh', licence: LICENCES.nc },
  ]);
  const report = await importFolder(folder, g.gallery.importing);
  expect(report).toMatchObject({ imported: 4, refused: 1 });
});

afterAll(async () => {
  await g?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => g.app.inject({ method: 'GET', url, headers });
const check = (payload: Record<string, unknown>) => g.app.inject({ method: 'POST', url: '/api/gallery/works/check', payload });
const errorCode = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;

describe('bad requests', () => {
  it.each(['pageSize=61', 'pageSize=0', 'pageSize=ten', 'page=0', 'page=1.5', `q=${'a'.repeat(201)}`])(
    'GET /works?%s → 400',
    async (query) => {
      const res = await get(`/api/gallery/works?${query}`);
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('validation_failed');
    },
  );

  it('GET an unknown or refused work → 404 work_not_found', async () => {
    for (const id of ['local-nope', 'local-closed']) {
      const res = await get(`/api/gallery/works/${id}`);
      expect([res.statusCode, errorCode(res)]).toEqual([404, 'work_not_found']);
    }
  });

  it('GET an image of an unknown rendition, unknown work or refused work → 404', async () => {
    const cases = [
      ['/api/gallery/works/local-starfish/image/original', 'rendition_not_found'],
      ['/api/gallery/works/local-starfish/image/full', 'rendition_not_found'],
      ['/api/gallery/works/local-nope/image/thumb', 'work_not_found'],
      ['/api/gallery/works/local-closed/image/working', 'work_not_found'],
    ];
    for (const [url, code] of cases) {
      const res = await get(url as string);
      expect([url, res.statusCode, errorCode(res)]).toEqual([url, 404, code]);
    }
  });

  it.each([
    ['no ids', { ids: [] }],
    ['no body field', {}],
    ['too many ids', { ids: Array.from({ length: 51 }, (_, i) => `w${i}`) }],
    ['an empty id', { ids: [''] }],
    ['ids not strings', { ids: [1, 2] }],
  ])('POST /works/check with %s → 400', async (_name, body) => {
    const res = await check(body);
    expect([res.statusCode, errorCode(res)]).toEqual([400, 'validation_failed']);
  });
});

describe('GET /works', () => {
  it('lists accepted works by title, with paging', async () => {
    const res = await get('/api/gallery/works?pageSize=3');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(body.items.map((w: { title: string }) => w.title)).toEqual(['Harvest Moon', 'Paris Street; Rainy Day', 'Starfish Study']);
    const page2 = (await get('/api/gallery/works?pageSize=3&page=2')).json();
    expect(page2.items.map((w: { id: string }) => w.id)).toEqual(['local-starry-night']);
    expect((await get('/api/gallery/works?page=9')).json()).toMatchObject({ items: [], total: 4 });
  });

  it('answers the WorkSummary shape', async () => {
    const { items } = (await get('/api/gallery/works?q=starry')).json();
    expect(items).toEqual([
      {
        id: 'local-starry-night',
        title: 'The Starry Night',
        creator: 'Vincent van Gogh',
        date: '1890',
        institution: 'Test Museum',
        licence: { uri: LICENCES.pdm, label: 'Public Domain Mark 1.0', family: 'pdm' },
        credit: '“The Starry Night” by Vincent van Gogh, 1890. Test Museum. Public domain: Public Domain Mark 1.0 (https://creativecommons.org/publicdomain/mark/1.0/).',
        thumbnailUrl: '/api/gallery/works/local-starry-night/image/thumb',
        imageUrl: '/api/gallery/works/local-starry-night/image/working',
        width: 1200,
        height: 600,
        source: 'local',
        iiif: false,
      },
    ]);
  });

  it.each([
    ['star', ['local-starfish', 'local-starry-night']],
    ['STARRY nig', ['local-starry-night']],
    ['gogh', ['local-starry-night']],
    ['caillebotte rain', ['local-rainy-day']],
    ["star' & !x | (", []],
    ['!!!', ['local-harvest-moon', 'local-rainy-day', 'local-starfish', 'local-starry-night']],
  ])('searches %j by word prefixes, never showing refused works', async (q, ids) => {
    const res = await get(`/api/gallery/works?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((w: { id: string }) => w.id).sort()).toEqual(ids);
    expect(res.json().total).toBe(ids.length);
  });
});

describe('credit lines', () => {
  it("are built by the one builder in the language asked for, with the institution's own attribution", async () => {
    const en = (await get('/api/gallery/works?q=starfish')).json().items[0].credit;
    const nl = (await get('/api/gallery/works?q=starfish&lang=nl')).json().items[0].credit;
    expect(en).toBe(
      '“Starfish Study” by Anna Atkins, 1890. Test Museum, gift of the Atkins family. Public domain: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).',
    );
    expect(nl).toBe(
      '“Starfish Study” door Anna Atkins, 1890. Test Museum, gift of the Atkins family. Publiek domein: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).',
    );
    expect((await get('/api/gallery/works/local-starfish?lang=nl')).json().credit).toBe(nl);
    expect((await get('/api/gallery/works/local-harvest-moon?lang=nl')).json().credit).toMatch(
      /Licentie: CC BY 4\.0 \(https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/\)\.$/,
    );
  });

  it('400 for a language the studio does not speak', async () => {
    expect((await get('/api/gallery/works?lang=fr')).statusCode).toBe(400);
    expect((await get('/api/gallery/works/local-starfish?lang=de')).statusCode).toBe(400);
  });
});

describe('GET /works/:id', () => {
  it('answers the WorkDetail', async () => {
    const res = await get('/api/gallery/works/local-rainy-day');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: 'local-rainy-day',
      licence: { uri: 'https://creativecommons.org/licenses/by-sa/3.0/', label: 'CC BY-SA 3.0 NL', family: 'by-sa' },
      creatorLife: '1850–1900',
      medium: null,
      description: null,
      landingUrl: null,
      rightsStatement: null,
      source: 'local',
      sourceId: 'rainy-day',
    });
  });
});

describe('GET /works/:id/image/:rendition', () => {
  it('serves cacheable WebP renditions within their size', async () => {
    for (const [rendition, side] of [['thumb', 256], ['working', 1024]] as const) {
      const res = await get(`/api/gallery/works/local-starry-night/image/${rendition}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/webp');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers.etag).toMatch(new RegExp(`^"[0-9a-f]{64}-${rendition}"$`));
      const meta = await sharp(res.rawPayload).metadata();
      expect([meta.format, meta.width]).toEqual(['webp', Math.min(side, 1200)]);
    }
  });

  it('answers 304 when the ETag matches', async () => {
    const first = await get('/api/gallery/works/local-starfish/image/thumb');
    const again = await get('/api/gallery/works/local-starfish/image/thumb', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload).toHaveLength(0);
    const listed = await get('/api/gallery/works/local-starfish/image/thumb', { 'if-none-match': `W/"old", ${first.headers.etag}` });
    expect(listed.statusCode).toBe(304);
    const other = await get('/api/gallery/works/local-starfish/image/working', { 'if-none-match': String(first.headers.etag) });
    expect(other.statusCode).toBe(200);
  });
});

describe('GET /works/:id/colouring-page.png', () => {
  it('draws a printable two-tone page of the work from its master, and 404 for a work that may not be shown', async () => {
    const res = await get('/api/gallery/works/local-starry-night/colouring-page.png');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const { data, info } = await sharp(res.rawPayload).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1200, 600]); // the master's size (never enlarged), up to 1600 px
    const levels = new Set(data);
    expect([...levels].every((v) => v === 0 || v === 255)).toBe(true);
    expect(levels.has(255)).toBe(true);
    expect((await get('/api/gallery/works/local-starry-night/colouring-page.png', { 'if-none-match': String(res.headers.etag) })).statusCode).toBe(304);
    for (const id of ['local-closed', 'local-nope']) expect(errorCode(await get(`/api/gallery/works/${id}/colouring-page.png`))).toBe('work_not_found');
  });
});

describe('POST /works/check', () => {
  it('says which works may be remixed, and why not', async () => {
    const res = await check({ ids: ['local-harvest-moon', 'local-closed', 'local-nope'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      works: [
        { id: 'local-harvest-moon', status: 'ok', licence: { uri: LICENCES.by, label: 'CC BY 4.0', family: 'by' } },
        { id: 'local-closed', status: 'refused', reason: expect.stringMatching(/non-commercial/i) },
        { id: 'local-nope', status: 'unknown' },
      ],
    });
  });
});
