/**
 * The shared collection sample (works.json with `titles` in English and Dutch, display dates as curators write them)
 * imported through the folder importer into the real Postgres, then searched through the real routes: a Dutch or an
 * English word finds a work, the answer is in the visitor's language, and the year filter reads the display dates.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@atelier/gallery-api/config';
import { importFolder } from '@atelier/gallery-api/importers/folder.importer';
import { startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';

const SAMPLE_DIR = process.env.COLLECTION_SAMPLE_DIR ?? resolve(REPO_ROOT, '../shared/collection-sample');
const hasSample = existsSync(join(SAMPLE_DIR, 'works.json'));
if (!hasSample) console.warn(`[collection-languages] skipping: no works.json in ${SAMPLE_DIR}`);

let g: TestGallery;

beforeAll(async () => {
  if (!hasSample) return;
  g = await startTestGallery();
  expect(await importFolder(SAMPLE_DIR, g.gallery.importing)).toMatchObject({ imported: 12, failed: 0 });
});

afterAll(async () => {
  await g?.close();
});

const list = async (query: string) => {
  const res = await g.app.inject({ method: 'GET', url: `/api/gallery/works?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: { id: string; title: string; credit: string }[]; total: number };
};
const ids = async (query: string) => (await list(query)).items.map((w) => w.id.replace(/^local-/, '')).sort();

describe.skipIf(!hasSample)('Dutch and English words over both titles', () => {
  it.each([
    ['korenoogst', ['bruegel-harvesters']],
    ['schreeuw', ['munch-scream']],
    ['sterrennacht', ['van-gogh-starry-night']],
    ['golf%20kanagawa', ['hokusai-great-wave']],
    ['zelfportret%20strohoed', ['van-gogh-straw-hat']],
    ['papegaai', ['tiffany-hibiscus-parrots']],
    ['regenachtige', ['caillebotte-paris-street']], // Dutch stem: regenachtig
    ['schipbreuken', ['turner-shipwreck']], // Dutch plural → schipbreuk
    ['zondagmiddag', ['seurat-grande-jatte']],
    ['harvester', ['bruegel-harvesters']], // English stem
    ['parrots', ['tiffany-hibiscus-parrots']],
    ['scream', ['munch-scream']],
  ])('q=%s → %j', async (q, expected) => {
    expect(await ids(`q=${q}`)).toEqual(expected);
  });

  it("answers titles and credits in the visitor's language, whichever language the word was", async () => {
    expect((await list('q=korenoogst&lang=nl')).items[0]).toMatchObject({ title: 'De korenoogst' });
    expect((await list('q=korenoogst&lang=nl')).items[0]!.credit).toMatch(/^“De korenoogst” door Pieter Bruegel the Elder, 1565\. /);
    expect((await list('q=harvesters&lang=nl')).items[0]).toMatchObject({ title: 'De korenoogst' });
    expect((await list('q=korenoogst&lang=en')).items[0]).toMatchObject({ title: 'The Harvesters' });
  });
});

describe.skipIf(!hasSample)('the year filter over display dates', () => {
  it.each([
    ['from=1830&to=1835', ['hokusai-great-wave']], // "c. 1830–1832"
    ['from=1888&to=1888', ['seurat-circus-sideshow', 'seurat-grande-jatte']], // "1887–88", "1884–86, border added 1888–89"
    ['from=1878&to=1879', ['morisot-woman-toilette']], // "1875–80"
    ['to=1600', ['bruegel-harvesters']], // "1565"
    ['from=1893&to=1893', ['munch-scream']], // "1893 (probable; see notes)"
    ['from=1800&to=1812', ['turner-shipwreck']], // "c. 1805–1810"
  ])('%s → %j', async (query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });

  it('leaves an undated work out of any year filter, and keeps it without one', async () => {
    expect(await ids('from=1000&to=2100')).not.toContain('tiffany-hibiscus-parrots');
    expect((await list('from=1000&to=2100')).total).toBe(11);
    expect(await ids('q=hibiscus')).toEqual(['tiffany-hibiscus-parrots']);
  });
});

describe.skipIf(!hasSample)('an empty result says which part of the search emptied it', () => {
  const emptiedBy = async (query: string) => ((await list(query)) as { emptiedBy?: string[] }).emptiedBy;

  it.each([
    ['q=zebra', ['words']], // the word finds nothing anywhere
    ['from=1000&to=1100', ['years']], // no word typed: the years did it
    ['q=golf&from=1560&to=1570', ['words', 'years']], // each finds works alone, not together
    ['q=golf&from=1000&to=1100', ['years']], // the word finds the Great Wave; the years find nothing
    ['licence=by&iiif=true', ['licence', 'iiif']],
  ])('%s → %j', async (query, expected) => {
    expect(await emptiedBy(query)).toEqual(expected);
  });

  it('is absent when works were found', async () => {
    expect(await emptiedBy('q=golf')).toBeUndefined();
  });
});
