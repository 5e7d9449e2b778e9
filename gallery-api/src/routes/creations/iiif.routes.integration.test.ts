/**
 * Issue 13 item 4: IIIF Presentation 3 for approved creations and the gallery, on the real Postgres: valid by the
 * Presentation 3 rules, readable from any site (a viewer such as Mirador elsewhere), on the public base URL only,
 * and nothing for a creation that is not approved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iiifProblems } from '../../testing/iiif-rules';
import { publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

const PUBLIC = 'https://atelier.museum.example';
let g: TestGallery;
let staff: string;

beforeAll(async () => {
  g = await startTestGallery({ env: { ATELIER_PUBLIC_URL: PUBLIC } });
  await g.addWork('open-1', 'cc0', { title: 'The Harbour', landingUrl: 'https://museum.example/works/open-1' });
  await g.addWork('iiif-1', 'cc0', { title: 'The Mill', iiifManifest: 'https://iiif.museum.example/mill/manifest.json' });
  await g.addStaff('mod.anna', 'correct horse battery');
  staff = await g.login('mod.anna', 'correct horse battery');
});
afterAll(async () => g?.close());

async function published(title: string): Promise<string> {
  const res = await g.publish(publishMeta({ title, licence: 'cc0' }, ['open-1']));
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('IIIF Presentation 3', () => {
  it('serves an approved creation as a valid manifest, and the gallery as a collection of the approved ones', async () => {
    const approved = await published('Harbour at dawn');
    const pending = await published('Harbour at dusk');
    expect((await g.decide(approved, staff, { decision: 'approve' })).statusCode).toBe(200);

    const res = await g.app.inject({ method: 'GET', url: `/api/gallery/creations/${approved}/manifest.json`, headers: { host: 'internal:4000' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/ld+json; profile="http://iiif.io/api/presentation/3/context.json"; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const manifest = res.json();
    expect(iiifProblems(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      id: `${PUBLIC}/api/gallery/creations/${approved}/manifest.json`,
      label: { en: ['Harbour at dawn'], nl: ['Harbour at dawn'] },
      rights: 'http://creativecommons.org/publicdomain/zero/1.0/',
      homepage: [{ id: `${PUBLIC}/gallery/${approved}` }],
    });
    expect(manifest.metadata[0].value.en[0]).toMatch(/^<a href="https:\/\/museum\.example\/works\/open-1">“The Harbour”/);
    expect(JSON.stringify(manifest)).not.toMatch(/internal|localhost|127\.0\.0\.1/);
    // A work without a manifest of its own links none.
    expect(manifest.seeAlso).toHaveLength(1);

    // The image it paints is readable by a viewer on another site, as the manifest is.
    const image = await g.app.inject({ method: 'GET', url: `/api/gallery/creations/${approved}/image/full` });
    expect(image.headers['access-control-allow-origin']).toBe('*');
    expect(image.headers['cross-origin-resource-policy']).toBe('cross-origin');

    // Not approved: no manifest, for the visitor who made it and for staff too; its image stays same-site.
    for (const headers of [{}, g.visitor.headers, { cookie: staff }]) {
      const none = await g.app.inject({ method: 'GET', url: `/api/gallery/creations/${pending}/manifest.json`, headers });
      expect(none.statusCode).toBe(404);
      expect(none.json().error.code).toBe('creation_not_found');
    }
    const own = await g.app.inject({ method: 'GET', url: `/api/gallery/creations/${pending}/image/full`, headers: g.visitor.headers });
    expect(own.statusCode).toBe(200);
    expect(own.headers['access-control-allow-origin']).toBeUndefined();
    expect((await g.app.inject({ method: 'GET', url: '/api/gallery/creations/not-a-uuid/manifest.json' })).statusCode).toBe(404);

    const collection = await g.app.inject({ method: 'GET', url: '/api/gallery/iiif/collection.json' });
    expect(collection.statusCode).toBe(200);
    expect(iiifProblems(collection.json())).toEqual([]);
    expect(collection.json().items.map((i: { id: string }) => i.id)).toEqual([`${PUBLIC}/api/gallery/creations/${approved}/manifest.json`]);
  });
});

describe("links the source works' own IIIF manifests", () => {
  it('from the work as imported, through the provenance record, into seeAlso and the "Based on" credit, still valid', async () => {
    const res = await g.publish(publishMeta({ title: 'Mill and harbour', licence: 'cc0' }, ['open-1', 'iiif-1']));
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    expect(res.json().provenance.ingredients.find((i: { workId: string }) => i.workId === 'iiif-1')).toMatchObject({
      iiifManifest: 'https://iiif.museum.example/mill/manifest.json',
    });
    expect((await g.decide(id, staff, { decision: 'approve' })).statusCode).toBe(200);
    const manifest = (await g.app.inject({ method: 'GET', url: `/api/gallery/creations/${id}/manifest.json` })).json();
    expect(iiifProblems(manifest)).toEqual([]);
    expect(manifest.seeAlso).toEqual([
      expect.objectContaining({ id: `${PUBLIC}/api/gallery/creations/${id}/provenance.jsonld` }),
      expect.objectContaining({ id: 'https://iiif.museum.example/mill/manifest.json', type: 'Dataset', label: { en: ['IIIF manifest of The Mill'], nl: ['IIIF-manifest van The Mill'] } }),
    ]);
  });
});
