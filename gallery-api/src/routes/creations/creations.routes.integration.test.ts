import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANVAS_SCHEMA_VERSION } from '@atelier/contracts/canvas';
import { creationListSchema } from '@atelier/contracts/creation.schema';
import { remixOf } from '../../services/creation.fakes';
import { countFiles, countRows, publishMeta, pngOf, startTestGallery, type TestGallery } from '../../testing/test-gallery';

let g: TestGallery;
const MET_LINE = 'The Metropolitan Museum of Art, Rogers Fund, 1919';

beforeAll(async () => {
  g = await startTestGallery();
  await g.addWork('open-1', 'cc0', { title: 'The Harbour' });
  await g.addWork('pdm-1', 'pdm', { title: 'The Mill' });
  await g.addWork('by-1', 'by', { title: 'The Bridge' });
  await g.addWork('bysa-1', 'by-sa', { title: 'The Dunes' });
  await g.addWork('nc-1', 'refused', { title: 'The Locked Room' });
  await g.addWork('met-1', 'cc0', { title: 'Wheat Field', creator: 'Vincent van Gogh', dateDisplay: '1889', institution: 'The Metropolitan Museum of Art', attribution: MET_LINE });
  await g.addStaff('mod.anna', 'correct horse battery');
});
afterAll(async () => g?.close());

const publish = (meta: unknown, image?: Uint8Array | null) => g.publish(meta, image);
/** A completed style remix of `styleWorkId` on a canvas that held `workIds`. */
const styleRemix = (id: string, styleWorkId: string, workIds: string[]) =>
  remixOf(id, { params: { styleWorkId, strength: 0.7 }, workIds, output: { url: `/x/${id}.png`, sha256: 'c'.repeat(64), width: 64, height: 48 } });

/** Every refused publish must leave no row and no file behind. */
async function expectNothingStored(): Promise<void> {
  expect(await countRows(g.pool)).toEqual({ creations: 0, ingredients: 0, events: 0 });
  expect(await countFiles(g.storageDir)).toBe(0);
}

describe('POST /creations refuses bad requests and stores nothing', () => {
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
    const badDoc = publishMeta({ document: { schemaVersion: 99, width: 1, height: 1, layers: [] } as never });
    expect((await publish(badDoc)).statusCode).toBe(400);
    const json = await g.app.inject({ method: 'POST', url: '/api/gallery/creations', payload: publishMeta() });
    expect(json.statusCode).toBe(415);
    await expectNothingStored();
  });

  it('remix errors: 400 unknown, 502 off its contract, 409 not completed, 503 when inference-service is down', async () => {
    const remixId = randomUUID();
    expect((await publish(publishMeta({ remixIds: [remixId] }))).json().error.code).toBe('unknown_remix');
    g.remixes.serve({ ...styleRemix(remixId, 'open-1', []), progress: 100 });
    expect((await publish(publishMeta({ remixIds: [remixId] }))).json().error).toMatchObject({ code: 'inference_bad_answer' });
    g.remixes.serve({ ...styleRemix(remixId, 'open-1', []), status: 'running', progress: 0.5, output: undefined, finishedAt: undefined });
    expect((await publish(publishMeta({ remixIds: [remixId] }))).statusCode).toBe(409);
    g.remixes.reachable = false;
    expect((await publish(publishMeta({ remixIds: [remixId] }))).statusCode).toBe(503);
    g.remixes.reachable = true;
    await expectNothingStored();
  });

  it('422 when a remix used a BY-SA style work and the licence is CC0', async () => {
    const remixId = randomUUID();
    g.remixes.serve(styleRemix(remixId, 'bysa-1', ['open-1']));
    const res = await publish(publishMeta({ licence: 'cc0', remixIds: [remixId] }, ['open-1']));
    expect(res.statusCode).toBe(422);
    await expectNothingStored();
  });
});

describe('POST /creations/preview', () => {
  it('answers the allowed licences and credits', async () => {
    const res = await g.app.inject({ method: 'POST', url: '/api/gallery/creations/preview', payload: { workIds: ['open-1', 'by-1'] } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ allowed: ['by', 'by-sa'], suggested: 'by' });
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
    const remixId = randomUUID();
    g.remixes.serve(styleRemix(remixId, 'by-1', ['open-1']));
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

    const cookie = await g.login('mod.anna', 'correct horse battery');
    const staffView = await g.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(staffView.statusCode).toBe(200);
    expect(staffView.headers['cache-control']).toBe('private, no-store');
    const queue = await g.app.inject({ method: 'GET', url: '/api/gallery/moderation/queue', headers: { cookie } });
    expect(queue.json().items).toHaveLength(1);
    expect(queue.json().items[0]).toMatchObject({ id: creation.id, title: 'Harbour at dusk', thumbUrl: `${url}/image/thumb` });

    expect((await g.decide(creation.id, cookie, { decision: 'approve' })).statusCode).toBe(200);

    const list = (await g.app.inject({ method: 'GET', url: '/api/gallery/creations' })).json();
    expect(list).toMatchObject({ total: 1, page: 1 });
    expect(list.items[0]).toMatchObject({ id: creation.id, status: 'approved', thumbnailUrl: `${url}/image/thumb` });
    // Issue 16 item 7: the page is read as cards and written without zod; it is still the contract, and each card is
    // the detail's, in either language.
    for (const lang of ['en', 'nl']) {
      const page = (await g.app.inject({ method: 'GET', url: `/api/gallery/creations?lang=${lang}` })).json();
      expect(creationListSchema.parse(page)).toEqual(page);
      const { provenance: _p, credentials: _c, jsonLd: _j, ...card } = (await g.app.inject({ method: 'GET', url: `${url}?lang=${lang}` })).json();
      expect(page.items[0]).toEqual(card);
    }

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
      creditText: [
        { '@language': 'en', '@value': creation.creditLine },
        { '@language': 'nl', '@value': expect.stringMatching(/^“Harbour at dusk” door een bezoeker van Open Atelier/) },
      ],
      encodingFormat: 'image/png',
      // ATELIER_PUBLIC_URL, else the studio on this machine: never gallery-api's own host (issue 13 item 5).
      contentUrl: `http://127.0.0.1:8080${url}/image/full`,
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
    // A client or proxy choosing the Host or forwarded headers changes no URL.
    const forged = await g.app.inject({ method: 'GET', url: `${url}/provenance.jsonld`, headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'gopher' } });
    expect(forged.json()).toEqual(doc);
    expect(JSON.stringify(doc)).not.toMatch(/localhost|:4000|evil/);

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

describe('credit texts: one builder, the institution asked for, in the language asked for', () => {
  it("the institution's own attribution reaches the published credit line, which repeats each ingredient's credit exactly", async () => {
    const created = await publish(publishMeta({ licence: 'cc0' }, ['met-1', 'open-1']));
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.ingredients[0]).toMatchObject({ workId: 'met-1', date: '1889', attribution: MET_LINE });
    expect(body.ingredients[0].credit).toContain(`${MET_LINE}, https://museum.example/works/met-1.`);
    for (const i of body.ingredients) expect(body.creditLine).toContain(i.credit);
    // What is stored is what was answered: the English line, in the column and in the provenance record.
    const { rows } = await g.pool.query<{ credit_line: string }>('SELECT credit_line FROM creations WHERE id = $1', [body.id]);
    expect(rows[0]!.credit_line).toBe(body.creditLine);
    expect(body.provenance.creditLine).toBe(body.creditLine);
    expect(body.provenance.ingredients.map((i: { credit: string }) => i.credit)).toEqual(body.ingredients.map((i: { credit: string }) => i.credit));
  });

  it('answers Dutch credits on ?lang=nl: the creation, the gallery list, the moderation queue and the preview', async () => {
    const created = (await publish(publishMeta({ licence: 'cc0', title: 'Korenveld' }, ['met-1']))).json();
    const url = `/api/gallery/creations/${created.id}`;
    const cookie = await g.login('mod.anna', 'correct horse battery');

    const queue = (await g.app.inject({ method: 'GET', url: '/api/gallery/moderation/queue?lang=nl', headers: { cookie } })).json();
    const queued = queue.items.find((c: { id: string }) => c.id === created.id);
    expect(queued.creditLine).toMatch(/^“Korenveld” door een bezoeker van Open Atelier, \d{4}\. Gebaseerd op: “Wheat Field” door Vincent van Gogh, 1889\. /);

    expect((await g.decide(created.id, cookie, { decision: 'approve' })).statusCode).toBe(200);
    const nl = (await g.app.inject({ method: 'GET', url: `${url}?lang=nl` })).json();
    expect(nl.ingredients[0].credit).toBe(
      '“Wheat Field” door Vincent van Gogh, 1889. The Metropolitan Museum of Art, Rogers Fund, 1919, https://museum.example/works/met-1. ' +
        'Publiek domein: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).',
    );
    expect(nl.creditLine).toContain(nl.ingredients[0].credit);
    expect(nl.creditLine).toMatch(/Voor zover er auteursrecht op rust, is deze remix in het publieke domein gegeven onder CC0 1\.0/);
    // The record as published stays English.
    expect(nl.provenance.creditLine).toBe(created.creditLine);
    const list = (await g.app.inject({ method: 'GET', url: '/api/gallery/creations?lang=nl' })).json();
    expect(list.items.find((c: { id: string }) => c.id === created.id).creditLine).toBe(nl.creditLine);
    expect((await g.app.inject({ method: 'GET', url: `${url}?lang=xx` })).statusCode).toBe(400);

    const preview = await g.app.inject({ method: 'POST', url: '/api/gallery/creations/preview', payload: { workIds: ['met-1'], lang: 'nl' } });
    expect(preview.json().ingredients[0].credit).toBe(nl.ingredients[0].credit);
  });
});

describe('stored documents are read through their schemas on every load', () => {
  it('migrates a stored canvas document of an older version, and refuses to answer a malformed provenance record', async () => {
    const created = (await publish(publishMeta({ licence: 'cc0' }, ['open-1']))).json();
    const cookie = await g.login('mod.anna', 'correct horse battery');
    const url = `/api/gallery/creations/${created.id}`;
    // A draft saved by the first prototype: no version, no size (canvas.ts `0001-add-version-and-size`).
    await g.pool.query(`UPDATE creations SET document = '{"layers": []}'::jsonb WHERE id = $1`, [created.id]);
    const read = await g.gallery.repositories.creations.documentOf(created.id);
    expect(read).toEqual({ schemaVersion: CANVAS_SCHEMA_VERSION, width: 1024, height: 1024, layers: [] });
    expect((await g.app.inject({ method: 'GET', url, headers: { cookie } })).statusCode).toBe(200);

    await g.pool.query(`UPDATE creations SET provenance = jsonb_set(provenance, '{licence,id}', '"by-nc"') WHERE id = $1`, [created.id]);
    await expect(g.gallery.repositories.creations.findById(created.id)).rejects.toThrow(/malformed provenance record: licence\.id/);
    expect((await g.app.inject({ method: 'GET', url, headers: { cookie } })).statusCode).toBe(500);
    await g.pool.query('DELETE FROM creation_ingredients WHERE creation_id = $1', [created.id]);
    await g.pool.query('DELETE FROM creations WHERE id = $1', [created.id]);
  });
});
