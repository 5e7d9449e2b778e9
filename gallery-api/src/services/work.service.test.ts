import { describe, expect, it } from 'vitest';
import { HttpError } from '@atelier/common/errors';
import { importWorks, type ImportCandidate } from './collection-import.service';
import { createWorkService } from './work.service';
import { MemoryStorage } from '@atelier/common/storage.fake';
import { FakeRenderer, FakeWorkStore } from './work.fakes';

function candidate(sourceId: string, licence: string | null): ImportCandidate {
  return {
    source: 'local', sourceId, title: `Work ${sourceId}`, creator: 'A. Painter', creatorLife: null, dateDisplay: '1900',
    medium: null, description: null, institution: 'Museum', landingUrl: null, rightsStatement: null, licence,
    attribution: sourceId === 'open' ? 'Gift of A. Donor, 1950' : null, image: { expectedSha256: null, read: async () => Buffer.from(sourceId) },
  };
}

async function setup() {
  const works = new FakeWorkStore();
  const storage = new MemoryStorage();
  await importWorks(
    [candidate('open', 'https://creativecommons.org/publicdomain/zero/1.0/'), candidate('closed', 'https://creativecommons.org/licenses/by-nc/4.0/')],
    { works, storage, images: new FakeRenderer() },
  );
  return { works, storage, service: createWorkService({ works, storage }) };
}

const status = (p: Promise<unknown>) => p.then(() => 200, (e: unknown) => (e instanceof HttpError ? `${e.statusCode} ${e.code}` : e));

describe('work service', () => {
  it('lists accepted works only, with absolute image paths', async () => {
    const { service } = await setup();
    const page = await service.list({ page: 1, pageSize: 10, lang: 'en' });
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(page.items[0]).toMatchObject({
      id: 'local-open',
      licence: { family: 'cc0', label: 'CC0 1.0', uri: 'https://creativecommons.org/publicdomain/zero/1.0/' },
      thumbnailUrl: '/api/gallery/works/local-open/image/thumb',
      imageUrl: '/api/gallery/works/local-open/image/working',
      credit: '“Work open” by A. Painter, 1900. Museum, Gift of A. Donor, 1950. Public domain: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).',
    });
  });

  it("builds each work's credit with the one builder, in the language asked for, with the institution's attribution", async () => {
    const { service } = await setup();
    expect((await service.list({ page: 1, pageSize: 10, lang: 'nl' })).items[0]?.credit).toBe(
      '“Work open” door A. Painter, 1900. Museum, Gift of A. Donor, 1950. Publiek domein: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).',
    );
    expect((await service.detail('local-open', 'nl')).credit).toMatch(/^“Work open” door A\. Painter/);
  });

  it("shows the title and description in the visitor's language where the source gives them", async () => {
    const works = new FakeWorkStore();
    const storage = new MemoryStorage();
    await importWorks(
      [{
        ...candidate('harvest', 'https://creativecommons.org/publicdomain/zero/1.0/'),
        title: 'The Harvesters', titles: { en: 'The Harvesters', nl: 'De korenoogst' }, description: 'Harvest time.', descriptions: { nl: 'Oogsttijd.' },
      }],
      { works, storage, images: new FakeRenderer() },
    );
    const service = createWorkService({ works, storage });
    const nl = (await service.list({ page: 1, pageSize: 10, lang: 'nl' })).items[0]!;
    expect(nl.title).toBe('De korenoogst');
    expect(nl.credit).toMatch(/^“De korenoogst” door A\. Painter, 1900\. /);
    expect((await service.list({ page: 1, pageSize: 10, lang: 'en' })).items[0]!.title).toBe('The Harvesters');
    expect(await service.detail('local-harvest', 'nl')).toMatchObject({ title: 'De korenoogst', description: 'Oogsttijd.', titles: { nl: 'De korenoogst' } });
    expect(await service.detail('local-harvest', 'en')).toMatchObject({ title: 'The Harvesters', description: 'Harvest time.' });
  });

  it('says which part of an empty search emptied it, only on an empty first page', async () => {
    const { service } = await setup();
    const emptiedBy = async (filters: Partial<Parameters<typeof service.list>[0]>) =>
      (await service.list({ page: 1, pageSize: 10, lang: 'en', ...filters })).emptiedBy;
    expect(await emptiedBy({ institutions: ['Elsewhere'] })).toEqual(['institution']);
    expect(await emptiedBy({ from: 1950, to: 1960 })).toEqual(['years']);
    expect(await emptiedBy({ institutions: ['Museum'], families: ['by'], iiif: false })).toEqual(['licence']);
    // Neither alone: both.
    expect(await emptiedBy({ institutions: ['Elsewhere'], from: 1950 })).toEqual(['institution', 'years']);
    expect(await emptiedBy({})).toBeUndefined();
    expect(await emptiedBy({ page: 2, institutions: ['Elsewhere'] })).toBeUndefined();
    const empty = createWorkService({ works: new FakeWorkStore(), storage: new MemoryStorage() });
    expect((await empty.list({ page: 1, pageSize: 10, lang: 'en' })).emptiedBy).toEqual([]);
  });

  it('answers 404 for unknown and refused works, and unknown renditions', async () => {
    const { service } = await setup();
    expect(await status(service.detail('nope', 'en'))).toBe('404 work_not_found');
    expect(await status(service.detail('local-closed', 'en'))).toBe('404 work_not_found');
    expect(await status(service.image('local-closed', 'thumb'))).toBe('404 work_not_found');
    expect(await status(service.image('local-open', 'original'))).toBe('404 rendition_not_found');
  });

  it('answers 404 when a rendition is missing from storage', async () => {
    const { service, storage } = await setup();
    await storage.delete('works/local-open/working.webp');
    expect(await status(service.image('local-open', 'working'))).toBe('404 image_not_found');
  });

  it('serves a rendition with an ETag from the sha256', async () => {
    const { service, works } = await setup();
    const image = await service.image('local-open', 'thumb');
    expect(image.contentType).toBe('image/webp');
    expect(image.etag).toBe(`"${works.rows.get('local-open')?.imageSha256}-thumb"`);
  });

  it('checks ids once each, in order', async () => {
    const { service } = await setup();
    const { works } = await service.check(['local-closed', 'x', 'local-open', 'x']);
    expect(works).toEqual([
      { id: 'local-closed', status: 'refused', reason: expect.stringMatching(/non-commercial/i) },
      { id: 'x', status: 'unknown' },
      { id: 'local-open', status: 'ok', licence: { uri: 'https://creativecommons.org/publicdomain/zero/1.0/', label: 'CC0 1.0', family: 'cc0' } },
    ]);
  });
});
