import { describe, expect, it } from 'vitest';
import { sha256Hex } from '@atelier/common/hash';
import {
  importWorks,
  mapWithConcurrency,
  workIdFor,
  WorkImageProblem,
  type ImportCandidate,
  type ImportDeps,
} from './collection-import.service';
import { MemoryStorage } from '@atelier/common/storage.fake';
import { FakeRenderer, FakeWorkStore } from './work.fakes';

const PDM = 'https://creativecommons.org/publicdomain/mark/1.0/';
const BYTES = Buffer.from('pretend jpeg bytes');

function candidate(over: Partial<ImportCandidate> = {}, bytes: Uint8Array = BYTES): ImportCandidate {
  return {
    source: 'local',
    sourceId: 'starry',
    title: 'The Starry Night',
    creator: 'Vincent van Gogh',
    creatorLife: '1853–1890',
    dateDisplay: '1889',
    medium: 'Oil on canvas',
    description: null,
    institution: 'The Museum of Modern Art, New York',
    landingUrl: null,
    rightsStatement: null,
    licence: PDM,
    attribution: null,
    image: { expectedSha256: null, read: async () => bytes },
    ...over,
  };
}

function deps(): ImportDeps & { works: FakeWorkStore; storage: MemoryStorage; images: FakeRenderer } {
  return { works: new FakeWorkStore(), storage: new MemoryStorage(), images: new FakeRenderer() };
}

describe('importWorks: licences', () => {
  it.each([
    ['non-commercial', 'https://creativecommons.org/licenses/by-nc/4.0/', /non-commercial/i],
    ['no-derivatives', 'http://creativecommons.org/licenses/by-nd/3.0/deed.en', /no-derivatives/i],
    ['in copyright', 'http://rightsstatements.org/vocab/InC/1.0/', /in copyright/i],
    ['missing', null, /no licence/i],
    ['unknown', 'All rights reserved', /not a recognised/i],
  ])('refuses a %s licence with its reason, and stores no image', async (_name, licence, reason) => {
    const d = deps();
    let read = false;
    const report = await importWorks(
      [candidate({ licence, image: { expectedSha256: null, read: async () => ((read = true), BYTES) } })],
      d,
    );
    expect(report).toMatchObject({ imported: 0, refused: 1, failed: 0 });
    expect(report.outcomes[0]).toMatchObject({ kind: 'refused', sourceId: 'starry', reason: expect.stringMatching(reason) });
    const row = d.works.rows.get('local-starry');
    expect(row).toMatchObject({ licenceStatus: 'refused', imageSha256: null, imageKeys: {} });
    expect(row?.refusalReason).toMatch(reason);
    expect(read).toBe(false);
    expect(d.storage.objects.size).toBe(0);
  });

  it('stores the canonical licence of an accepted work', async () => {
    const d = deps();
    await importWorks([candidate({ licence: 'http://creativecommons.org/licenses/by-sa/3.0/nl/deed.nl' })], d);
    expect(d.works.rows.get('local-starry')).toMatchObject({
      licenceStatus: 'accepted',
      licenceUri: 'https://creativecommons.org/licenses/by-sa/3.0/',
      licenceFamily: 'by-sa',
      licenceLabel: 'CC BY-SA 3.0 NL',
      refusalReason: null,
    });
  });

  it("keeps the institution's requested attribution verbatim, as its own field (credit texts are built on read)", async () => {
    const d = deps();
    const attribution = 'The Museum of Modern Art, New York. Acquired through the Lillie P. Bliss Bequest';
    await importWorks([candidate({ attribution })], d);
    expect(d.works.rows.get('local-starry')).toMatchObject({ attribution });
    expect(d.works.rows.get('local-starry')).not.toHaveProperty('credit');
    // A changed attribution alone is an update.
    expect(await importWorks([candidate({ attribution: `${attribution}, 1941` })], d)).toMatchObject({ updated: 1 });
  });
});

describe('importWorks: upsert decisions', () => {
  it('imports, then finds nothing to do, without re-encoding', async () => {
    const d = deps();
    const first = await importWorks([candidate()], d);
    expect(first).toMatchObject({ imported: 1, updated: 0, unchanged: 0 });
    expect(d.storage.objects.size).toBe(3);
    const row = d.works.rows.get('local-starry');
    expect(row).toMatchObject({ imageSha256: sha256Hex(BYTES), width: 2000, height: 1000 });
    expect(row?.imageKeys).toEqual({
      original: 'works/local-starry/master.png',
      working: 'works/local-starry/working.webp',
      thumb: 'works/local-starry/thumb.webp',
    });

    const second = await importWorks([candidate()], d);
    expect(second).toMatchObject({ imported: 0, updated: 0, unchanged: 1 });
    expect(d.images.renders).toBe(1);
    expect(d.works.upserts).toBe(1);
    expect(d.works.rows.size).toBe(1);
  });

  it('updates metadata without re-encoding when the image is the same', async () => {
    const d = deps();
    await importWorks([candidate()], d);
    const report = await importWorks([candidate({ title: 'De sterrennacht' })], d);
    expect(report).toMatchObject({ updated: 1, imported: 0 });
    expect(d.images.renders).toBe(1);
    expect(d.works.rows.get('local-starry')?.title).toBe('De sterrennacht');
  });

  it('re-encodes when the image changed', async () => {
    const d = deps();
    await importWorks([candidate()], d);
    const report = await importWorks([candidate({}, Buffer.from('a new scan'))], d);
    expect(report.updated).toBe(1);
    expect(d.images.renders).toBe(2);
    expect(d.works.rows.get('local-starry')?.imageSha256).toBe(sha256Hex(Buffer.from('a new scan')));
  });

  it('re-renders renditions that went missing from storage', async () => {
    const d = deps();
    await importWorks([candidate()], d);
    await d.storage.delete('works/local-starry/thumb.webp');
    const report = await importWorks([candidate()], d);
    expect(report.updated).toBe(1);
    expect(await d.storage.exists('works/local-starry/thumb.webp')).toBe(true);
  });

  it('deletes the images of a work whose licence became refused', async () => {
    const d = deps();
    await importWorks([candidate()], d);
    const report = await importWorks([candidate({ licence: 'https://creativecommons.org/licenses/by-nc-sa/4.0/' })], d);
    expect(report.refused).toBe(1);
    expect(d.storage.objects.size).toBe(0);
    expect(d.works.rows.get('local-starry')).toMatchObject({ licenceStatus: 'refused', imageKeys: {} });
  });

  it('gives a work whose slug is taken by another source id an id of its own', async () => {
    const d = deps();
    await importWorks([candidate({ sourceId: 'Starry Night' })], d);
    const report = await importWorks([candidate({ sourceId: 'starry-night' })], d);
    expect(report.outcomes[0]).toMatchObject({ kind: 'imported', id: expect.stringMatching(/^local-starry-night-[0-9a-f]{8}$/) });
    expect(d.works.rows.size).toBe(2);
  });

  it('keeps the id of an existing work', async () => {
    const d = deps();
    await d.works.upsert({ ...(await firstRecord()), id: 'local-legacy-id' });
    const report = await importWorks([candidate()], d);
    expect(report.outcomes[0]).toMatchObject({ id: 'local-legacy-id' });
    expect([...d.works.rows.keys()]).toEqual(['local-legacy-id']);
  });
});

describe('importWorks: image problems', () => {
  it('fails one work on a checksum mismatch and goes on with the others', async () => {
    const d = deps();
    const report = await importWorks(
      [candidate({ image: { expectedSha256: 'a'.repeat(64), read: async () => BYTES } }), candidate({ sourceId: 'other' })],
      d,
    );
    expect(report).toMatchObject({ failed: 1, imported: 1 });
    expect(report.outcomes[0]).toMatchObject({ kind: 'failed', reason: expect.stringContaining('sha256 mismatch') });
    expect(d.works.rows.has('local-starry')).toBe(false);
  });

  it('fails a work whose image cannot be read', async () => {
    const d = deps();
    const read = async (): Promise<Uint8Array> => {
      throw new WorkImageProblem('image file not found: images/x.jpg');
    };
    const report = await importWorks([candidate({ image: { expectedSha256: null, read } }), candidate({ sourceId: 'b', image: null })], d);
    expect(report.outcomes.map((o) => o.kind)).toEqual(['failed', 'failed']);
    expect(d.works.rows.size).toBe(0);
  });

  it('lets unexpected errors (database, storage) stop the run', async () => {
    const d = deps();
    d.storage.put = async () => {
      throw new Error('disk full');
    };
    await expect(importWorks([candidate()], d)).rejects.toThrow('disk full');
  });
});

describe('importWorks: what any importer hands over is made storable (issue 15)', () => {
  it("refuses with the source's own reason when its rule says the work is not open", async () => {
    const d = deps();
    const report = await importWorks([candidate({ licence: null, refusal: 'Not in the public domain at the Art Institute of Chicago (is_public_domain: false).' })], d);
    expect(report.outcomes[0]).toMatchObject({ kind: 'refused', reason: 'Not in the public domain at the Art Institute of Chicago (is_public_domain: false).' });
    expect(d.works.rows.get('local-starry')?.refusalReason).toMatch(/not in the public domain/i);
  });

  it('fails a candidate without id or title alone, and imports the rest', async () => {
    const d = deps();
    const report = await importWorks([candidate({ sourceId: '  ' }), candidate({ sourceId: 'b', title: '\u0000 ' }), candidate({ sourceId: 'c' })], d);
    expect(report).toMatchObject({ imported: 1, failed: 2 });
    expect(report.outcomes.slice(0, 2).map((o) => o.kind === 'failed' && o.reason)).toEqual(['the record has no id', 'the record has no title']);
  });

  it('drops NUL and control characters, links that are not http(s), and language keys that are not languages', async () => {
    const d = deps();
    await importWorks([candidate({
      title: 'The Starry\u0000 Night', creator: 'Vincent\u0007 van Gogh', landingUrl: 'javascript:alert(1)', imageUrl: 'file:///etc/passwd',
      iiifService: 'http://iiif.example/abc', pixelWidth: 4000, pixelHeight: 3000,
      titles: { en: 'The Starry Night', NL: 'De sterrennacht', 'not a language': 'x', de: '  ' },
      dateStart: 1e12, dateEnd: 1889.5,
    })], d);
    await importWorks([candidate({ sourceId: 'huge', pixelWidth: 2 ** 40, pixelHeight: 3000, iiifService: null })], d);
    expect(d.works.rows.get('local-huge')).toMatchObject({ width: 2000, height: 1000 });
    expect(d.works.rows.get('local-starry')).toMatchObject({
      title: 'The Starry Night', creator: 'Vincent van Gogh', landingUrl: null, imageUrl: null, iiifService: 'http://iiif.example/abc',
      titles: { en: 'The Starry Night', nl: 'De sterrennacht' },
    });
  });

  it("asks an IIIF service's info.json for the full size when the source states none, and keeps the painted region", async () => {
    const d = deps();
    let asked = 0;
    const image = { expectedSha256: null, read: async () => BYTES, fullSize: async () => (asked++, { width: 6000, height: 4000 }) };
    await importWorks([candidate({ iiifService: 'https://iiif.example/a', image })], d);
    expect(d.works.rows.get('local-starry')).toMatchObject({ width: 6000, height: 4000, iiifService: 'https://iiif.example/a', iiifRegion: null });
    await importWorks([candidate({ sourceId: 'vam', iiifService: 'https://iiif.example/b', iiifRegion: { x: 140, y: 870, w: 1800, h: 1778 }, pixelWidth: 1800, pixelHeight: 1778, image })], d);
    expect(d.works.rows.get('local-vam')).toMatchObject({ width: 1800, height: 1778, iiifRegion: { x: 140, y: 870, w: 1800, h: 1778 } });
    expect(asked).toBe(1);
    // Unchanged on a second run: the size is not asked again.
    expect(await importWorks([candidate({ iiifService: 'https://iiif.example/a', image })], d)).toMatchObject({ unchanged: 1 });
    expect(asked).toBe(1);
  });

  it('keeps no IIIF service whose full size cannot be had: details are then cut from the stored master', async () => {
    const d = deps();
    const image = { expectedSha256: null, read: async () => BYTES, fullSize: async () => null };
    await importWorks([candidate({ iiifService: 'https://iiif.example/a', image })], d);
    expect(d.works.rows.get('local-starry')).toMatchObject({ iiifService: null, width: 2000, height: 1000 });
  });

  it('gives every work a year range that contains its display date, whatever the importer said', async () => {
    const d = deps();
    await importWorks([
      candidate({ sourceId: 'wave', dateDisplay: 'c. 1830–1832' }),
      candidate({ sourceId: 'circus', dateDisplay: '1887–88', dateStart: 1887, dateEnd: 1887 }),
      candidate({ sourceId: 'met', dateDisplay: 'ca. 1665', dateStart: 1660, dateEnd: 1670 }),
      candidate({ sourceId: 'undated', dateDisplay: 'undated', dateStart: 1600, dateEnd: 1610 }),
    ], d);
    const years = (id: string) => {
      const w = d.works.rows.get(`local-${id}`)!;
      return [w.dateStart, w.dateEnd];
    };
    expect(years('wave')).toEqual([1830, 1832]); // only the display date
    expect(years('circus')).toEqual([1887, 1888]); // a range that leaves out what is shown
    expect(years('met')).toEqual([1660, 1670]); // a structured range that contains it stays
    expect(years('undated')).toEqual([1600, 1610]); // nothing to read in the text: the source's range
  });
});

describe('workIdFor', () => {
  it('makes slug-safe ids', () => {
    expect(workIdFor('local', 'van-gogh-starry-night')).toBe('local-van-gogh-starry-night');
    expect(workIdFor('local', 'Café Terrace / Arles #2')).toBe('local-cafe-terrace-arles-2');
    expect(workIdFor('local', '../../etc')).toBe('local-etc');
  });
});

describe('mapWithConcurrency', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithConcurrency([5, 1, 3, 2], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 30, 20]);
    expect(peak).toBe(2);
  });
});

async function firstRecord() {
  const d = deps();
  await importWorks([candidate()], d);
  const row = d.works.rows.get('local-starry');
  if (!row) throw new Error('setup failed');
  return row;
}
