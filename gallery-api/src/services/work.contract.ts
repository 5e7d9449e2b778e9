import { describe, expect, it } from 'vitest';
import { perTest } from '../testing/per-test';
import type { WorkRecord, WorkStore } from './collection-import.service';
import type { CollectionWork } from './collection-work';
import { workOf } from './work.fakes';
import type { WorkReader } from './work.service';

export interface WorkStoreHarness {
  works: WorkStore & WorkReader;
  close(): Promise<void>;
}

const record = (w: CollectionWork): WorkRecord => {
  const { createdAt: _c, updatedAt: _u, ...rest } = w;
  return rest;
};
const withoutTimes = (w: CollectionWork | null) => (w ? record(w) : null);
const search = (over: Partial<Parameters<WorkReader['listVisible']>[0]> = {}) => ({ words: [], limit: 10, offset: 0, ...over });
const ids = (page: { works: CollectionWork[] }) => page.works.map((w) => w.id);

/**
 * What WorkRepository does, run against FakeWorkStore (work.fakes.test.ts) and the real Postgres repository
 * (work.repository.integration.test.ts), so the fake the service tests use cannot drift from it. Full-text words
 * are left out: ranking and stemming are Postgres' own (tests/integration/collection-search.test.ts).
 */
export function describeWorkStore(name: string, make: () => Promise<WorkStoreHarness>): void {
  describe(`${name}: the WorkStore and WorkReader contract`, () => {
    const harness = perTest(make);
    const start = async (seed: CollectionWork[] = []) => {
      const { works } = await harness();
      for (const w of seed) await works.upsert(record(w));
      return works;
    };

    it('stores a work whole and finds it by id, by ids and by source, with its timestamps', async () => {
      const w = workOf('a', 'by', { attribution: 'Gift of J. Doe, 1901', iiifService: 'https://iiif.example/a', iiifManifest: 'https://iiif.example/a/manifest.json', imageKeys: { thumb: 'works/a/thumb.webp' } });
      const works = await start([w]);
      expect(withoutTimes(await works.findById('a'))).toEqual(record(w));
      expect((await works.findById('a'))?.createdAt).toBeInstanceOf(Date);
      expect(withoutTimes(await works.findBySource('test', 'a'))).toEqual(record(w));
      expect((await works.findByIds(['a', 'missing', 'a'])).map((x) => x.id)).toEqual(['a']);
      expect(await works.findById('missing')).toBeNull();
      expect(await works.findBySource('test', 'missing')).toBeNull();
    });

    it('updates by source and source id, keeping the first id', async () => {
      const works = await start([workOf('a', 'cc0')]);
      await works.upsert(record(workOf('other-id', 'pdm', { sourceId: 'a', title: 'Renamed', attribution: null })));
      expect(await works.findById('other-id')).toBeNull();
      expect(await works.findById('a')).toMatchObject({ title: 'Renamed', licenceFamily: 'pdm' });
    });

    it('lists only visible works, by title, a page at a time, with the total', async () => {
      const works = await start([
        workOf('c', 'cc0', { title: 'Cedar' }),
        workOf('a', 'by', { title: 'Aspen' }),
        workOf('b', 'pdm', { title: 'Birch' }),
        workOf('x', 'refused', { title: 'Alder' }),
        workOf('y', 'cc0', { title: 'Beech', imageSha256: null }),
      ]);
      expect(await works.listVisible(search())).toMatchObject({ total: 3, totalIsLowerBound: false });
      expect(ids(await works.listVisible(search()))).toEqual(['a', 'b', 'c']);
      expect(ids(await works.listVisible(search({ limit: 2, offset: 1 })))).toEqual(['b', 'c']);
    });

    it('filters by institution, licence family, overlapping years and IIIF', async () => {
      const works = await start([
        workOf('a', 'by', { title: 'A', institution: 'Rijksmuseum', dateStart: 1600, dateEnd: 1610 }),
        workOf('b', 'cc0', { title: 'B', institution: 'Mauritshuis', dateStart: 1650, dateEnd: null, iiifService: 'https://iiif.example/b' }),
        workOf('c', 'cc0', { title: 'C', institution: 'Rijksmuseum', dateStart: null, dateEnd: null }),
      ]);
      expect(ids(await works.listVisible(search({ institutions: ['Rijksmuseum'] })))).toEqual(['a', 'c']);
      expect(ids(await works.listVisible(search({ families: ['by', 'pdm'] })))).toEqual(['a']);
      expect(ids(await works.listVisible(search({ from: 1605, to: 1640 })))).toEqual(['a']);
      expect(ids(await works.listVisible(search({ from: 1620 })))).toEqual(['b']);
      expect(ids(await works.listVisible(search({ iiif: true })))).toEqual(['b']);
      expect(ids(await works.listVisible(search({ iiif: false })))).toEqual(['a', 'c']);
    });

    it('counts facets over the visible works', async () => {
      const works = await start([
        workOf('a', 'by', { title: 'A', institution: 'Rijksmuseum', dateStart: 1600, dateEnd: 1610 }),
        workOf('b', 'cc0', { title: 'B', institution: 'Mauritshuis', dateStart: 1650, dateEnd: null, iiifService: 'https://iiif.example/b' }),
        workOf('c', 'cc0', { title: 'C', institution: 'Rijksmuseum', dateStart: null, dateEnd: null }),
        workOf('x', 'refused', { institution: 'Elsewhere' }),
      ]);
      expect(await works.facets()).toEqual({
        institutions: [
          { value: 'Rijksmuseum', count: 2 },
          { value: 'Mauritshuis', count: 1 },
        ],
        licences: [
          { family: 'cc0', count: 2 },
          { family: 'by', count: 1 },
        ],
        dates: { min: 1600, max: 1650 },
        iiif: 1,
        total: 3,
      });
    });
  });
}
