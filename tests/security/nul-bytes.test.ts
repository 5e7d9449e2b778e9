/**
 * Issue #10 item 8: a NUL byte (U+0000) in an id, a search or any text a request carries reached PostgreSQL,
 * which refuses it in `text` and `jsonb`: a 500. The contracts' schemas refuse it (400 validation_failed) before
 * any query runs, in gallery-api and in inference-service (whose work ids would otherwise reach gallery-api's).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { HttpGalleryClient } from '@atelier/inference-service/repositories/gallery.client';
import { multipartBody } from '@atelier/inference-service/testing/fixtures';
import { testApi, type TestApi } from '@atelier/inference-service/testing/app';
import { countRows, publishMeta, startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';

const NUL = '\u0000';
const PASSWORD = 'correct horse battery';

let g: TestGallery;
let inference: TestApi;
let cookie: string;

beforeAll(async () => {
  g = await startTestGallery();
  await g.addWork('harvest', 'cc0');
  await g.addStaff('mod.nul', PASSWORD);
  cookie = await g.login('mod.nul', PASSWORD);
  // inference-service asks the real gallery-api (on the real Postgres) about the works a remix names.
  const galleryUrl = await g.app.listen({ host: '127.0.0.1', port: 0 });
  inference = await testApi({}, { gallery: new HttpGalleryClient(galleryUrl) });
});
afterAll(async () => {
  await inference?.app.close();
  await g?.close();
});

function expectRefused(res: { statusCode: number; body: string; json(): { error: { code: string } } }, what: string) {
  expect(res.statusCode, what).toBe(400);
  expect(res.json().error.code, what).toBe('validation_failed');
  // The message or the issues in `details` name the reason.
  expect(res.body, what).toMatch(/NUL/);
}

describe('NUL bytes are refused by the schemas (issue #10 item 8)', () => {
  it.each([
    ['a work id', '/api/gallery/works/harv%00est'],
    ['a work image', '/api/gallery/works/harv%00est/image/thumb'],
    ['a rendition', '/api/gallery/works/harvest/image/th%00umb'],
    ['a work region', '/api/gallery/works/harv%00est/region?x=0&y=0&w=1&h=1'],
    ['the search', '/api/gallery/works?q=harv%00est'],
    ['the search, NUL alone', '/api/gallery/works?q=%00'],
    ['an institution filter', '/api/gallery/works?institution=Rijks%00museum'],
    ['a creation id', '/api/gallery/creations/abc%00def'],
    ['a creation image', '/api/gallery/creations/abc%00def/image/thumb'],
  ])('gallery-api GET: %s', async (what, url) => {
    expectRefused(await g.app.inject({ method: 'GET', url }), what);
  });

  it('gallery-api JSON bodies: works/check, the publish preview, the login and a moderation reason', async () => {
    expectRefused(await g.app.inject({ method: 'POST', url: '/api/gallery/works/check', payload: { ids: [`harvest${NUL}`] } }), 'works/check');
    expectRefused(await g.app.inject({ method: 'POST', url: '/api/gallery/creations/preview', payload: { workIds: [`har${NUL}vest`] } }), 'preview');
    const login = await g.app.inject({
      method: 'POST',
      url: '/api/gallery/auth/login',
      headers: { origin: g.origin },
      payload: { username: `mod${NUL}.nul`, password: PASSWORD },
    });
    expectRefused(login, 'login');
    const published = await g.publish(publishMeta({}, ['harvest']));
    expect(published.statusCode).toBe(201);
    expectRefused(await g.decide(published.json().id, cookie, { decision: 'reject', reason: `no${NUL}` }), 'decision reason');
    expect((await countRows(g.pool)).events).toBe(0);
  });

  it('gallery-api publish: NUL in the title, the alt text, a layer id, a stroke colour or a work id stores nothing', async () => {
    const before = await countRows(g.pool);
    const layerId = publishMeta({}, ['harvest']);
    layerId.document.layers[0]!.id = `w${NUL}`;
    const colour = publishMeta();
    const strokes = colour.document.layers.find((l) => l.kind === 'strokes')!;
    if (strokes.kind === 'strokes') strokes.strokes[0]!.color = `#000${NUL}`;
    for (const [what, meta] of [
      ['title', publishMeta({ title: `Harbour${NUL}` })],
      ['alt text', publishMeta({ altText: `A harbour${NUL}` })],
      ['layer id', layerId],
      ['stroke colour', colour],
      ['work id', publishMeta({}, [`harvest${NUL}`])],
    ] as const)
      expectRefused(await g.publish(meta), `publish ${what}`);
    expect(await countRows(g.pool)).toEqual(before);
  });

  it('inference-service: NUL in a work id of the remix or of its params is refused before gallery-api is asked', async () => {
    const canvas = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#b4533a' } }).png().toBuffer();
    const post = (meta: object) =>
      inference.app.inject({
        method: 'POST',
        url: '/api/inference/remixes',
        ...multipartBody([
          { name: 'meta', data: JSON.stringify({ requestId: randomUUID(), workIds: [], ...meta }) },
          { name: 'canvas', data: canvas, filename: 'canvas.png', contentType: 'image/png' },
        ]),
      });
    expectRefused(await post({ model: 'magenta-arbitrary-style', params: { styleWorkId: 'harvest', strength: 0.5 }, workIds: [`harvest${NUL}`] }), 'workIds');
    expectRefused(await post({ model: 'magenta-arbitrary-style', params: { styleWorkId: `harvest${NUL}`, strength: 0.5 } }), 'params.styleWorkId');
    expectRefused(await post({ model: 'isnet-imgly-medium', params: { source: 'work', workId: `harvest${NUL}` } }), 'params.workId');
    expect(inference.queue.adds).toBe(0);
  });
});
