/**
 * Issue #10 item 8: a `meta` field past the service's limit must be 413 `meta_too_large`, not a 400 that blames
 * its JSON or its content. Both multipart routes read `meta` with common's readMetaForm, which answers 413 when
 * the multipart plugin cut the field short; this proves it for each at its own limit (inference-service: 64 KiB,
 * a remix request is small; gallery-api: 4 MiB, a publish carries the whole canvas document with its strokes),
 * over real HTTP, with `meta` before and after the file, and that a field just under the limit is read as usual.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { testApi, type TestApi } from '@atelier/inference-service/testing/app';
import { publishMeta, startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';

/** The `fieldSize` each app gives @fastify/multipart (inference-service/src/app.ts, gallery-api/src/app.ts). */
const INFERENCE_META_LIMIT = 64 * 1024;
const GALLERY_META_LIMIT = 4 * 1024 * 1024;

let g: TestGallery;
let inference: TestApi;
let galleryUrl: string;
let inferenceUrl: string;
let png: Buffer;

beforeAll(async () => {
  g = await startTestGallery();
  inference = await testApi({ works: { harvest: 'ok' } });
  galleryUrl = await g.app.listen({ host: '127.0.0.1', port: 0 });
  inferenceUrl = await inference.app.listen({ host: '127.0.0.1', port: 0 });
  png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#b4533a' } }).png().toBuffer();
});
afterAll(async () => {
  await inference?.app.close();
  await g?.close();
});

/** JSON text of exactly `bytes` bytes: `value` with a padding member (which the schemas strip). */
function metaOfSize(value: object, bytes: number): string {
  const base = JSON.stringify({ ...value, padding: '' });
  const text = JSON.stringify({ ...value, padding: 'x'.repeat(bytes - Buffer.byteLength(base)) });
  expect(Buffer.byteLength(text)).toBe(bytes);
  return text;
}

/** POST a browser's FormData: `meta` and the file, in either order. */
async function post(url: string, fileField: string, meta: string, metaFirst: boolean): Promise<{ status: number; body: { error?: { code: string } } }> {
  const form = new FormData();
  if (metaFirst) form.append('meta', meta);
  form.append(fileField, new Blob([new Uint8Array(png)], { type: 'image/png' }), 'picture.png');
  if (!metaFirst) form.append('meta', meta);
  const res = await fetch(url, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

describe('a meta field past the limit is 413 meta_too_large (issue #10 item 8)', () => {
  for (const metaFirst of [true, false]) {
    const order = metaFirst ? 'meta before the file' : 'meta after the file';

    it(`POST /api/inference/remixes, ${order}: 413 past 64 KiB, read as usual up to it`, async () => {
      const url = `${inferenceUrl}/api/inference/remixes`;
      const request = () => ({ requestId: randomUUID(), model: 'magenta-arbitrary-style', params: { styleWorkId: 'harvest', strength: 0.5 }, workIds: [] });
      for (const bytes of [INFERENCE_META_LIMIT + 1, 100_000, 3 * 1024 * 1024]) {
        const res = await post(url, 'canvas', metaOfSize(request(), bytes), metaFirst);
        expect([bytes, res.status, res.body.error?.code]).toEqual([bytes, 413, 'meta_too_large']);
      }
      const atLimit = await post(url, 'canvas', metaOfSize(request(), INFERENCE_META_LIMIT), metaFirst);
      expect(atLimit.status).toBe(202);
    });

    it(`POST /api/gallery/creations, ${order}: 413 past 4 MiB, read as usual up to it`, async () => {
      const url = `${galleryUrl}/api/gallery/creations`;
      for (const bytes of [GALLERY_META_LIMIT + 1, 5 * 1024 * 1024]) {
        const res = await post(url, 'image', metaOfSize(publishMeta(), bytes), metaFirst);
        expect([bytes, res.status, res.body.error?.code]).toEqual([bytes, 413, 'meta_too_large']);
      }
      // Over 64 KiB is a drawing with many strokes, not an attack: the gallery reads it.
      for (const bytes of [INFERENCE_META_LIMIT + 1, GALLERY_META_LIMIT]) {
        const res = await post(url, 'image', metaOfSize(publishMeta(), bytes), metaFirst);
        expect([bytes, res.status]).toEqual([bytes, 201]);
      }
    });
  }
});
