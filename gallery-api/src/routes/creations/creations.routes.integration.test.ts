import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  completedRemix,
  countFiles,
  countRows,
  createStaff,
  insertWork,
  login,
  pngOf,
  publishForm,
  publishMeta,
  startTestGallery,
  type TestGallery,
} from './creations.test-support';

let g: TestGallery;
let png: Buffer;

beforeAll(async () => {
  g = await startTestGallery();
  png = await pngOf();
  await insertWork(g.pool, 'open-1', 'cc0', 'The Harbour');
  await insertWork(g.pool, 'pdm-1', 'pdm', 'The Mill');
  await insertWork(g.pool, 'by-1', 'by', 'The Bridge');
  await insertWork(g.pool, 'bysa-1', 'by-sa', 'The Dunes');
  await insertWork(g.pool, 'nc-1', 'refused', 'The Locked Room');
  await createStaff(g.pool, 'mod.anna', 'correct horse battery');
});
afterAll(async () => g?.close());

async function publish(meta: unknown, image: Uint8Array | null = png) {
  const form = await publishForm(meta, image);
  return g.app.inject({ method: 'POST', url: '/api/gallery/creations', ...form });
}

/** Every refused publish must leave no row and no file behind. */
async function expectNothingStored(): Promise<void> {
  expect(await countRows(g.pool)).toEqual({ creations: 0, ingredients: 0, events: 0 });
  expect(await countFiles(g.storageDir)).toBe(0);
}

describe('POST /creations refuses bad requests and stores nothing', () => {
  beforeEach(async () => {
    g.inference.reachable = true;
    g.inference.remixes.clear();
  });

  it('400 for an empty title', async () => {
    const res = await publish(publishMeta({ title: '   ' }, ['open-1']));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.message).toMatch(/title/);
    await expectNothingStored();
  });

  it('422 licence_not_allowed for a BY-SA input published as CC0, with the allowed list', async () => {
    const res = await publish(publishMeta({ licence: 'cc0' }, ['open-1', 'bysa-1']));
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'licence_not_allowed', details: { allowed: ['by-sa'], requested: 'cc0' } });
    await expectNothingStored();
  });

  it('415 for an upload that is not an image', async () => {
    const res = await publish(publishMeta({}, ['open-1']), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
    await expectNothingStored();
  });

  it('400 for a truncated PNG', async () => {
    const big = await pngOf(400, 300);
    const res = await publish(publishMeta({}, ['open-1']), big.subarray(0, Math.floor(big.length / 2)));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toMatch(/corrupt_image|unreadable_image/);
    await expectNothingStored();
  });

  it('400 unknown_work for a work id the collection does not have', async () => {
    const res = await publish(publishMeta({}, ['open-1', 'no-such-work']));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'unknown_work', details: { workIds: ['no-such-work'] } });
    await expectNothingStored();
  });

  it('422 work_not_remixable for a refused work', async () => {
    const res = await publish(publishMeta({}, ['nc-1']));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('work_not_remixable');
    await expectNothingStored();
  });

  it('400 for missing parts, broken JSON and an invalid document', async () => {
    expect((await publish(publishMeta({}, ['open-1']), null)).statusCode).toBe(400);
    expect((await publish('{not json')).json().error.code).toBe('invalid_meta');
    expect((await publish(`{"pad":"${'a'.repeat(4_300_000)}"}`)).statusCode).toBe(413);
    const badDoc = publishMeta({ document: { schemaVersion: 2, width: 1, height: 1, layers: [] } as never });
    expect((await publish(badDoc)).statusCode).toBe(400);
    const json = await g.app.inject({ method: 'POST', url: '/api/gallery/creations', payload: publishMeta() });
    expect(json.statusCode).toBe(415);
    await expectNothingStored();
  });

  it('remix errors: 400 unknown, 409 not completed, 503 when inference-service is down', async () => {
    const remixId = randomUUID();
    expect((await publish(publishMeta({ remixIds: [remixId] }))).json().error.code).toBe('unknown_remix');
    g.inference.remixes.set(remixId, { ...completedRemix(remixId, 'open-1', []), status: 'running', output: undefined });
    expect((await publish(publishMeta({ remixIds: [remixId] }))).statusCode).toBe(409);
    g.inference.reachable = false;
    expect((await publish(publishMeta({ remixIds: [remixId] }))).statusCode).toBe(503);
    await expectNothingStored();
  });

  it('422 when a remix used a BY-SA style work and the licence is CC0', async () => {
    const remixId = randomUUID();
    g.inference.remixes.set(remixId, completedRemix(remixId, 'bysa-1', ['open-1']));
    const res = await publish(publishMeta({ licence: 'cc0', remixIds: [remixId] }, ['open-1']));
    expect(res.statusCode).toBe(422);
    await expectNothingStored();
  });
});

describe('POST /creations/preview', () => {
  it('answers the allowed licences and credits', async () => {
    const res = await g.app.inject({ method: 'POST', url: '/api/gallery/creations/preview', payload: { workIds: ['open-1', 'by-1'] } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ allowed: ['cc0', 'by', 'by-sa'], suggested: 'by' });
    expect(res.json().ingredients.map((i: { workId: string }) => i.workId)).toEqual(['open-1', 'by-1']);
  });

  it('400 for unknown and 422 for refused works', async () => {
    const unknown = await g.app.inject({ method: 'POST', url: '/api/gallery/creations/preview', payload: { workIds: ['nope'] } });
    expect(unknown.statusCode).toBe(400);
    const refused = await g.app.inject({ method: 'POST', url: '/api/gallery/creations/preview', payload: { workIds: ['nc-1'] } });
    expect(refused.statusCode).toBe(422);
  });
});

describe('publish → moderate → public', () => {
  it('runs the whole journey', async () => {
    g.inference.reachable = true;
    const remixId = randomUUID();
    g.inference.remixes.set(remixId, completedRemix(remixId, 'by-1', ['open-1']));
    const meta = publishMeta({ licence: 'by-sa', remixIds: [remixId] }, ['open-1', 'bysa-1']);

    const created = await publish(meta);
    expect(created.statusCode).toBe(201);
    const creation = created.json();
    expect(creation.status).toBe('pending');
    expect(creation.creditLine).toMatch(/^“Harbour at dusk” by a visitor of Open Atelier, \d{4}\. Adapted from: /);
    expect(creation.creditLine).toContain('To the extent copyright exists, this remix is licensed under CC BY-SA 4.0');
    expect(creation.provenance.actions.map((a: { type: string }) => a.type)).toEqual(['compose', 'draw', 'remix']);
    expect(creation.provenance.actions[2]).toMatchObject({ remixId, outputSha256: 'c'.repeat(64), inputSha256: 'b'.repeat(64) });
    expect(creation.provenance.ingredients.map((i: { workId: string; role: string }) => `${i.workId}:${i.role}`)).toEqual([
      'open-1:composed',
      'bysa-1:composed',
      'by-1:style',
    ]);
    expect(await countFiles(g.storageDir)).toBe(3);

    // The same requestId again: the same creation, nothing new stored.
    const again = await publish(meta);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(creation.id);
    expect(await countRows(g.pool)).toMatchObject({ creations: 1, ingredients: 3 });
    expect(await countFiles(g.storageDir)).toBe(3);

    // Pending: invisible to the public.
    const url = `/api/gallery/creations/${creation.id}`;
    expect((await g.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await g.app.inject({ method: 'GET', url: `${url}/image/thumb` })).statusCode).toBe(404);
    expect((await g.app.inject({ method: 'GET', url: `${url}/provenance.jsonld` })).statusCode).toBe(404);
    expect((await g.app.inject({ method: 'GET', url: '/api/gallery/creations' })).json().items).toEqual([]);

    const cookie = await login(g.app, 'mod.anna', 'correct horse battery');
    const staffView = await g.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(staffView.statusCode).toBe(200);
    expect(staffView.headers['cache-control']).toBe('private, no-store');
    const queue = await g.app.inject({ method: 'GET', url: '/api/gallery/moderation/queue', headers: { cookie } });
    expect(queue.json().items).toHaveLength(1);
    expect(queue.json().items[0]).toMatchObject({ id: creation.id, title: 'Harbour at dusk', thumbUrl: `${url}/image/thumb` });

    const decided = await g.app.inject({
      method: 'POST',
      url: `/api/gallery/moderation/creations/${creation.id}/decision`,
      headers: { cookie },
      payload: { decision: 'approve' },
    });
    expect(decided.statusCode).toBe(200);

    const list = (await g.app.inject({ method: 'GET', url: '/api/gallery/creations' })).json();
    expect(list).toMatchObject({ total: 1, page: 1 });
    expect(list.items[0]).toMatchObject({ id: creation.id, status: 'approved', thumbnailUrl: `${url}/image/thumb` });

    const thumb = await g.app.inject({ method: 'GET', url: `${url}/image/thumb` });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers['cache-control']).toContain('public');
    const full = await g.app.inject({ method: 'GET', url: `${url}/image/full` });
    expect(full.headers['content-type']).toBe('image/png');
    expect((await g.app.inject({ method: 'GET', url: `${url}/image/original` })).statusCode).toBe(404);

    const ld = await g.app.inject({ method: 'GET', url: `${url}/provenance.jsonld` });
    expect(ld.statusCode).toBe(200);
    expect(ld.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc = ld.json();
    expect(doc).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'VisualArtwork',
      name: 'Harbour at dusk',
      description: 'A harbour painted over with orange strokes.',
      license: 'https://creativecommons.org/licenses/by-sa/4.0/',
      creditText: creation.creditLine,
      encodingFormat: 'image/png',
      contentUrl: `http://localhost:80${url}/image/full`,
      identifier: { '@type': 'PropertyValue', propertyID: 'sha256', value: creation.provenance.output.sha256 },
      instrument: [{ '@type': 'SoftwareApplication', name: 'magenta-arbitrary-style', softwareVersion: '1.0.0' }],
    });
    expect(doc.isBasedOn).toHaveLength(3);
    expect(doc.isBasedOn[1]).toMatchObject({
      '@type': 'VisualArtwork',
      name: 'The Dunes',
      license: 'https://creativecommons.org/licenses/by-sa/4.0/',
      url: 'https://museum.example/works/bysa-1',
      creator: { '@type': 'Person', name: 'Jan Steen' },
    });
    expect((await g.app.inject({ method: 'GET', url })).json().jsonLd).toEqual(doc);

    const events = await g.app.inject({ method: 'GET', url: `/api/gallery/moderation/creations/${creation.id}/events`, headers: { cookie } });
    expect(events.json().events).toHaveLength(1);
    expect(events.json().events[0]).toMatchObject({ decision: 'approve', reason: null, staffUsername: 'mod.anna' });

    // No personal data in what was stored.
    const { rows } = await g.pool.query<{ row: string }>('SELECT row_to_json(c)::text AS row FROM creations c');
    expect(rows[0]!.row).not.toMatch(/127\.0\.0\.1|mod\.anna/);
  });

  it('two concurrent publishes with one requestId make one creation', async () => {
    const meta = publishMeta({}, ['open-1']);
    const [a, b] = await Promise.all([publish(meta), publish(meta)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    const { rows } = await g.pool.query('SELECT id FROM creations WHERE request_id = $1', [meta.requestId]);
    expect(rows).toHaveLength(1);
    expect(await countFiles(g.storageDir)).toBe(6);
  });
});
