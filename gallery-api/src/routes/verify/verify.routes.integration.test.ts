import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '@atelier/common/hash';
import { loadConfig } from '../../config';
import { openContentCredentials } from '../../repositories/c2pa-node.credentials';
import { remixOf } from '../../services/creation.fakes';
import { UnsignedCredentials } from '../../services/content-credentials';
import { readWithC2paTs, reencoded, withOnePixelChanged } from '../../testing/c2pa-copies';
import { pngOf, publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

// Publish → the stored full PNG carries a signed C2PA manifest that two independent readers validate; POST /verify
// tells the signed file, an edited copy and a re-encoded copy apart; a platform without the signer publishes unsigned.

let g: TestGallery;
let cookie: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'c2pa-it-'));
  const { credentials } = await openContentCredentials(loadConfig({ C2PA_DEV_DIR: dir }).c2pa);
  g = await startTestGallery({ credentials });
  await g.addWork('harvest', 'cc0', { title: 'The Harvesters', landingUrl: 'https://museum.example/works/harvest' });
  await g.addWork('style', 'cc0', { title: 'The Milkmaid' });
  await g.addStaff('mod.c2pa', 'correct horse battery');
  cookie = await g.login('mod.c2pa', 'correct horse battery');
});
afterAll(async () => {
  await g?.close();
  await rm(dir, { recursive: true, force: true });
});

const verify = async (bytes: Buffer, type = 'image/png') => {
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(bytes)], { type }), 'check.png');
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return g.app.inject({
    method: 'POST',
    url: '/api/gallery/verify',
    payload: Buffer.from(await req.arrayBuffer()),
    headers: { 'content-type': req.headers.get('content-type')! },
  });
};

/** Publishes a creation with a work on the canvas, strokes and a style remix; approves it; answers its id and full image. */
async function publishSigned(): Promise<{ id: string; full: Buffer }> {
  const remix = remixOf(crypto.randomUUID(), { params: { styleWorkId: 'style', strength: 0.7 } });
  g.remixes.serve(remix);
  const created = await g.publish(publishMeta({ licence: 'cc0', remixIds: [remix.id] }, ['harvest']), await pngOf(96, 64));
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  expect((await g.decide(id, cookie, { decision: 'approve' })).statusCode).toBe(200);
  const image = await g.app.inject({ method: 'GET', url: `/api/gallery/creations/${id}/image/full` });
  expect(image.statusCode).toBe(200);
  return { id, full: image.rawPayload };
}

describe('content credentials at publish', () => {
  it('the downloaded full PNG is the signed file: c2pa-node and the independent reader both validate it', async () => {
    const { id, full } = await publishSigned();
    const stored = await readFile(join(g.storageDir, 'creations', id, 'full.png'));
    expect(full.equals(stored)).toBe(true);
    expect(await readWithC2paTs(full)).toEqual({ found: true, valid: true, errors: [] });

    const detail = (await g.app.inject({ method: 'GET', url: `/api/gallery/creations/${id}` })).json();
    expect(detail.credentials).toEqual({
      state: 'signed',
      signer: { commonName: 'Open Atelier development signer', organization: 'Open Atelier (development)', trust: 'development' },
      fileSha256: sha256Hex(full),
    });
    // The provenance keeps the sha256 of the pixels as published; the served file adds only the manifest.
    expect(detail.provenance.output.sha256).not.toBe(sha256Hex(full));
  });

  it('POST /verify: the signed file is valid, names its signer, actions, ingredients and the creation', async () => {
    const { id, full } = await publishSigned();
    const t = performance.now();
    const res = await verify(full);
    console.log(`verify (96×64, signed): ${(performance.now() - t).toFixed(0)} ms`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({
      state: 'valid',
      reasons: [],
      openAtelier: true,
      signer: { trust: 'development' },
      title: 'Harbour at dusk',
      licence: 'https://creativecommons.org/publicdomain/zero/1.0/',
      creation: { id, title: 'Harbour at dusk' },
    });
    expect(body.actions.map((a: { action: string }) => a.action)).toEqual(['c2pa.created', 'c2pa.placed', 'c2pa.drawing', 'c2pa.edited']);
    expect(body.actions[0].digitalSourceType).toBe('http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia');
    expect(body.ingredients).toEqual([
      { title: 'The Harvesters', relationship: 'componentOf', url: 'https://museum.example/works/harvest' },
      { title: 'The Milkmaid', relationship: 'inputTo', url: 'https://museum.example/works/style' },
    ]);
  });

  it('POST /verify: a copy with one pixel changed is invalid (both readers agree) and still says which creation it claims', async () => {
    const { id, full } = await publishSigned();
    const edited = await withOnePixelChanged(full);
    expect((await readWithC2paTs(edited)).valid).toBe(false);
    const body = (await verify(edited)).json();
    expect(body.state).toBe('invalid');
    expect(body.reasons.map((r: { code: string }) => r.code)).toContain('assertion.dataHash.mismatch');
    expect(body.creation).toEqual({ id, title: 'Harbour at dusk' });
  });

  it('POST /verify: a copy re-encoded without metadata has no credentials, and a JPEG neither', async () => {
    const { full } = await publishSigned();
    const copy = await reencoded(full);
    expect(await readWithC2paTs(copy)).toMatchObject({ found: false });
    expect((await verify(copy)).json()).toMatchObject({ state: 'none', signer: null, creation: null, actions: [], ingredients: [] });
    const sharp = (await import('sharp')).default;
    const jpeg = await sharp(full).jpeg().toBuffer();
    expect((await verify(jpeg, 'image/jpeg')).json()).toMatchObject({ state: 'none' });
  });

  it('POST /verify refuses what is not an image, an empty file and a form without it; a pending creation is never named', async () => {
    expect((await verify(Buffer.from('not an image'))).statusCode).toBe(415);
    const noFile = await g.app.inject({ method: 'POST', url: '/api/gallery/verify', payload: { image: 'x' } });
    expect(noFile.statusCode).toBe(415);
    const remix = remixOf(crypto.randomUUID(), { params: { styleWorkId: 'style', strength: 0.5 } });
    g.remixes.serve(remix);
    const pending = await g.publish(publishMeta({ licence: 'cc0', remixIds: [remix.id] }, ['harvest']));
    const full = await readFile(join(g.storageDir, 'creations', pending.json().id, 'full.png'));
    expect((await verify(full)).json()).toMatchObject({ state: 'valid', creation: null });
  });
});

describe('a platform without the native C2PA library', () => {
  let u: TestGallery;
  beforeAll(async () => {
    u = await startTestGallery({ credentials: new UnsignedCredentials('the C2PA library cannot load on this platform') });
    await u.addWork('harvest', 'cc0');
  });
  afterAll(async () => u?.close());

  it('publishes unsigned and says so in the creation, and verify says it cannot check', async () => {
    const created = await u.publish(publishMeta({ licence: 'cc0' }, ['harvest']));
    expect(created.statusCode).toBe(201);
    const { id, credentials } = created.json();
    const full = await readFile(join(u.storageDir, 'creations', id, 'full.png'));
    expect(credentials).toEqual({ state: 'unsigned', signer: null, reason: 'the C2PA library cannot load on this platform', fileSha256: sha256Hex(full) });
    expect(await readWithC2paTs(full)).toMatchObject({ found: false });
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(full)], { type: 'image/png' }), 'check.png');
    const req = new Request('http://localhost/', { method: 'POST', body: form });
    const res = await u.app.inject({
      method: 'POST',
      url: '/api/gallery/verify',
      payload: Buffer.from(await req.arrayBuffer()),
      headers: { 'content-type': req.headers.get('content-type')! },
    });
    expect(res.json()).toMatchObject({ state: 'unchecked', reasons: [{ code: 'reader_unavailable' }] });
  });
});
