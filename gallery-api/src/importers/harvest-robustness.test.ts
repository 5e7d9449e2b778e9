/**
 * Issue 15, defects 1, 2 and 6: records built from each source's documentation (collections.md), with one broken
 * among good ones, and answers of the wrong shape. A broken record fails alone, named and with its reason; an answer
 * of the wrong shape stops the run with an error that names what was expected, never "imported 0".
 */
import { describe, expect, it } from 'vitest';
import { aicImporter } from './aic.importer';
import { clevelandImporter } from './cleveland.importer';
import { europeanaImporter } from './europeana.importer';
import { iiifImporter } from './iiif.importer';
import { BASE, harvestAll, memoryFetcher } from './importer.test-support';
import { metImporter } from './met.importer';
import { ngaImporter } from './nga.importer';
import { smithsonianImporter } from './smithsonian.importer';
import { smkImporter } from './smk.importer';
import { UnexpectedAnswerError } from './source-records';

const smkItem = (n: string) => ({
  id: `${n}_object`, object_number: n, titles: [{ title: `Værk ${n}` }], public_domain: true,
  rights: 'https://creativecommons.org/share-your-work/public-domain/cc0/', image_iiif_id: `https://iip.smk.dk/iiif/jp2/${n}.tif.jp2`,
  image_width: 3000, image_height: 2000, production: [{ creator: 'Hammershøi, Vilhelm' }], production_date: [{ period: '1900', start: '1900-01-01T00:00:00.000Z', end: '1900-12-31T00:00:00.000Z' }],
});

describe('one record that cannot be read fails alone (defect 1)', () => {
  it('SMK: an item without object_number is reported by its position, its id, and the reason; the others are read', async () => {
    const broken = { ...smkItem('x'), object_number: undefined, id: undefined };
    const { http } = memoryFetcher({ '/api/art/search/': { offset: 0, rows: 100, found: 4, items: [smkItem('KMS1'), broken, null, smkItem('KMS3')] } });
    const { candidates, reported } = await harvestAll(smkImporter, http, { baseUrl: BASE });
    expect(candidates.map((c) => c.sourceId)).toEqual(['KMS1', 'KMS3']);
    expect(reported).toEqual([
      { sourceId: '(SMK search result 2)', reason: 'the record has no object_number, so it cannot be matched on a later import' },
      { sourceId: '(SMK search result 3)', reason: 'unreadable record: expected an object, got null' },
    ]);
  });

  it('SMK: optional fields of the wrong type cost the field, not the work', async () => {
    const odd = { ...smkItem('KMS9'), titles: 'Uden titel', production: 'Anonymous', production_date: {}, techniques: 'Olie på lærred', image_width: '3000' };
    const { http } = memoryFetcher({ '/api/art/search/': { found: 1, items: [odd] } });
    const { candidates, reported } = await harvestAll(smkImporter, http, { baseUrl: BASE });
    expect(reported).toEqual([]);
    expect(candidates[0]).toMatchObject({ sourceId: 'KMS9', title: 'KMS9', creator: null, medium: 'Olie på lærred', pixelWidth: 3000 });
  });

  it('AIC, Cleveland, Europeana, the Smithsonian: a record without its id fails by position, the rest are read', async () => {
    const aic = memoryFetcher({
      '/api/artworks/search': { pagination: { total: 2 }, data: [{ title: 'No id' }, { id: 11, title: 'Self-Portrait', is_public_domain: true, image_id: 'abc' }], config: { iiif_url: 'https://www.artic.edu/iiif/2' } },
    });
    const cma = memoryFetcher({ '/api/artworks/': { info: { total: 2 }, data: [{ id: 1, title: 'Ok', share_license_status: 'CC0', images: 'none' }, { title: 'No id' }] } });
    const eur = memoryFetcher({ '/api/search.json': (u: URL) => (u.searchParams.get('cursor') === '*' ? { success: true, totalResults: 2, itemsCount: 2, items: [{ title: ['No id'] }, { id: '/1/a', title: ['Ok'], rights: ['http://creativecommons.org/publicdomain/zero/1.0/'] }] } : { success: true, totalResults: 2, itemsCount: 0, items: [] }) });
    const si = memoryFetcher({ '/api/search': { status: 200, response: { rowCount: 2, rows: [{ title: 'No id at all' }, { url: 'edanmdm:saam_1', content: { descriptiveNonRepeating: { record_ID: 'saam_1' } } }] } } });
    const results = await Promise.all([
      harvestAll(aicImporter, aic.http, { baseUrl: BASE }),
      harvestAll(clevelandImporter, cma.http, { baseUrl: BASE }),
      harvestAll(europeanaImporter, eur.http, { baseUrl: BASE, apiKey: 'k' }),
      harvestAll(smithsonianImporter, si.http, { baseUrl: BASE, apiKey: 'k' }),
    ]);
    expect(results.map((r) => r.candidates.map((c) => c.sourceId))).toEqual([['11'], ['1'], ['1/a'], ['saam_1']]);
    expect(results.map((r) => r.reported[0]?.sourceId)).toEqual(['(AIC search result 1)', '(Cleveland result 2)', '(Europeana result 1)', '(Smithsonian result 1)']);
    for (const r of results) expect(r.reported[0]?.reason).toMatch(/^the record has no /);
  });

  it('The Met: an object that is not a record, or answers 404, fails alone', async () => {
    const { http } = memoryFetcher({
      '/api/objects': { total: 3, objectIDs: [1, 2, 3] },
      '/api/objects/1': { objectID: 1, title: 'Ok', isPublicDomain: true, primaryImageSmall: 'https://images.metmuseum.org/a.jpg' },
      '/api/objects/2': 'not json at all',
    });
    const { candidates, reported } = await harvestAll(metImporter, http, { baseUrl: BASE });
    expect(candidates.map((c) => c.sourceId)).toEqual(['1']);
    expect(reported.map((r) => r.sourceId)).toEqual(['2', '3']);
    expect(reported[1]?.reason).toContain('HTTP 404');
  });

  it('NGA: an objects.csv row without objectid fails alone', async () => {
    const { http } = memoryFetcher({
      '/api/published_images.csv': 'uuid,iiifurl,viewtype,sequence,width,height,openaccess,depictstmsobjectid\ni1,https://api.nga.gov/iiif/i1,primary,0,100,100,1,1\ni2,https://api.nga.gov/iiif/i2,primary,0,100,100,1,\n',
      '/api/objects.csv': 'objectid,title\n1,A\n,Nameless\n',
    });
    const { candidates, reported } = await harvestAll(ngaImporter, http, { baseUrl: BASE });
    expect(candidates.map((c) => c.sourceId)).toEqual(['1']);
    expect(reported).toEqual([]); // the nameless row has no image either: skipped, as rows without a primary image are
  });
});

describe('an answer of the wrong shape is an error that names what was expected (defect 2)', () => {
  it.each([
    ['SMK', smkImporter, { '/api/art/search/': { results: [] } }, /SMK search answer: expected a "items" list, got an object with keys results/],
    ['AIC', aicImporter, { '/api/artworks/search': { artworks: [] } }, /Art Institute of Chicago search answer: expected a "data" list/],
    ['Cleveland', clevelandImporter, { '/api/artworks/': [] }, /Cleveland Museum of Art \/artworks\/ answer: expected a JSON object with a "data" list, got a list of 0/],
    ['The Met', metImporter, { '/api/objects': { total: 0, ids: [] } }, /The Met \/objects answer: expected \{ total, objectIDs/],
    ['Europeana', europeanaImporter, { '/api/search.json': { success: true, totalResults: 12, records: [] } }, /Europeana search answer: expected a "items" list/],
    ['Europeana (refused key)', europeanaImporter, { '/api/search.json': { success: false, error: 'Invalid API key' } }, /success: false \(Invalid API key\)/],
    ['Smithsonian', smithsonianImporter, { '/api/search': { status: 200, rows: [] } }, /Smithsonian search answer: expected \{ status, response/],
    ['NGA', ngaImporter, { '/api/published_images.csv': 'uuid,url\n1,x\n' }, /expected a CSV with the columns iiifurl, viewtype, openaccess, depictstmsobjectid; missing iiifurl/],
    ['IIIF', iiifImporter, { '/api/manifest.json': { id: 'x', type: 'Thing' } }, /expected a IIIF Presentation 2 or 3 manifest or collection/],
  ])('%s', async (_name, importer, answers, message) => {
    const { http } = memoryFetcher(answers as Record<string, unknown>);
    const run = harvestAll(importer, http, { baseUrl: importer === iiifImporter ? `${BASE}/manifest.json` : BASE, apiKey: 'k' });
    await expect(run).rejects.toBeInstanceOf(UnexpectedAnswerError);
    await expect(harvestAll(importer, http, { baseUrl: importer === iiifImporter ? `${BASE}/manifest.json` : BASE, apiKey: 'k' })).rejects.toThrow(message);
  });

  it('an empty answer is empty only where the source says it found nothing', async () => {
    const ok = await Promise.all([
      harvestAll(smkImporter, memoryFetcher({ '/api/art/search/': { found: 0, items: null } }).http, { baseUrl: BASE }),
      harvestAll(europeanaImporter, memoryFetcher({ '/api/search.json': { success: true, totalResults: 0, itemsCount: 0 } }).http, { baseUrl: BASE, apiKey: 'k' }),
      harvestAll(metImporter, memoryFetcher({ '/api/objects': { total: 0, objectIDs: null } }).http, { baseUrl: BASE }),
      harvestAll(smithsonianImporter, memoryFetcher({ '/api/search': { status: 200, response: { rowCount: 0 } } }).http, { baseUrl: BASE, apiKey: 'k' }),
    ]);
    expect(ok.map((r) => r.candidates.length)).toEqual([0, 0, 0, 0]);
    await expect(harvestAll(smkImporter, memoryFetcher({ '/api/art/search/': { found: 3, items: null } }).http, { baseUrl: BASE })).rejects.toThrow(/expected a "items" list, got null/);
  });
});

describe('AIC refuses a work that is not in the public domain for that reason (defect 6)', () => {
  it('is_public_domain: false is a refusal "not in the public domain", not "no licence is stated"', async () => {
    const { http } = memoryFetcher({
      '/api/artworks/search': { pagination: { total: 2 }, data: [
        { id: 82306, title: 'In copyright', is_public_domain: false, image_id: 'x', copyright_notice: null },
        { id: 82307, title: 'In copyright, with a notice', is_public_domain: false, image_id: 'y', copyright_notice: '© 2020 Artist' },
      ] },
    });
    const { candidates } = await harvestAll(aicImporter, http, { baseUrl: BASE });
    expect(candidates.map((c) => c.refusal)).toEqual([
      'Not in the public domain at the Art Institute of Chicago (is_public_domain: false).',
      'Not in the public domain at the Art Institute of Chicago (is_public_domain: false): © 2020 Artist.',
    ]);
  });
});
