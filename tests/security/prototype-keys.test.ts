/**
 * Issue #10 item 8: `model: "__proto__"` and the like must never reach a prototype lookup. Every place where
 * request data names something (a model, a tool's option, a rendition, a licence, a language, a decision, a
 * recipe, JSON keys) is tried with the names every object inherits; each answer is a plain 4xx (or the
 * ordinary answer for an unknown name), never a 500, and nothing is written onto Object.prototype.
 * Lookups by request data go through Maps, Sets, `includes`/`Object.hasOwn` or zod enums.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { multipartBody } from '@atelier/inference-service/testing/fixtures';
import { testApi, type TestApi } from '@atelier/inference-service/testing/app';
import { recipeStyles } from '@atelier/inference-service/tools/style.tool';
import { publishMeta, startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';

const NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const POISON = '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}';

let g: TestGallery;
let inference: TestApi;
let canvas: Buffer;
let cookie: string;

beforeAll(async () => {
  g = await startTestGallery();
  await g.addWork('harvest', 'cc0');
  await g.addStaff('mod.proto', 'correct horse battery');
  cookie = await g.login('mod.proto', 'correct horse battery');
  inference = await testApi({ enabled: ['+whitebox-cartoonizer', '+fast-neural-style-nc16'], works: { harvest: 'ok' } });
  canvas = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#b4533a' } }).png().toBuffer();
});
afterAll(async () => {
  await inference?.app.close();
  await g?.close();
});
afterEach(() => {
  // Whatever the answer was, nothing may have landed on every object.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
});

function expectClientError(res: { statusCode: number; json(): { error?: { code: string } } }, what: string, status?: number) {
  if (status) expect(res.statusCode, what).toBe(status);
  expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, what).toBeLessThan(500);
  expect(res.json().error?.code, what).toBeTruthy();
}

const remix = (meta: Record<string, unknown> | string) =>
  inference.app.inject({
    method: 'POST',
    url: '/api/inference/remixes',
    ...multipartBody([
      { name: 'meta', data: typeof meta === 'string' ? meta : JSON.stringify({ requestId: randomUUID(), workIds: [], ...meta }) },
      { name: 'canvas', data: canvas, filename: 'canvas.png', contentType: 'image/png' },
    ]),
  });

describe('inference-service: names from a request never reach a prototype (issue #10 item 8)', () => {
  it.each(NAMES)('model %j is 400, not a lookup on the catalogue', async (model) => {
    const res = await remix({ model, params: { styleWorkId: 'harvest', strength: 0.5 } });
    expectClientError(res, model, 400);
    expect(['unknown_model', 'validation_failed']).toContain(res.json().error.code);
  });

  it.each(NAMES)('a tool option named %j is 400', async (name) => {
    expectClientError(await remix({ model: 'fast-neural-style-nc16', params: { style: name } }), `fixed style ${name}`, 400);
    expectClientError(await remix({ model: 'upscalerjs-esrgan-slim', params: { source: 'canvas', scale: name } }), `scale ${name}`, 400);
    expectClientError(await remix({ model: 'isnet-imgly-medium', params: { source: name } }), `source ${name}`, 400);
  });

  it('params and meta carrying __proto__ / constructor keys pollute nothing and never answer 500', async () => {
    const poisonedParams = `{"requestId":"${randomUUID()}","model":"whitebox-cartoonizer","workIds":[],"params":${POISON}}`;
    // The cartoon tool takes no params: `constructor` is an unknown key of its strict schema.
    expectClientError(await remix(poisonedParams), 'poisoned params', 400);
    // A `__proto__` member of the meta is dropped, not followed: the remix is the cartoon it names.
    const poisonedMeta = `{"requestId":"${randomUUID()}","model":"whitebox-cartoonizer","workIds":[],"params":{},"__proto__":{"model":"x"}}`;
    const res = await remix(poisonedMeta);
    expect(res.statusCode).toBe(202);
    expect(res.json().model.id).toBe('whitebox-cartoonizer');
  });

  it('a recipe id is looked up in a Map: inherited names find no recipe', () => {
    const lookup = recipeStyles([]);
    for (const name of NAMES) expect(lookup(name), name).toBeUndefined();
  });

  it('a remix id is a UUID: inherited names are 400', async () => {
    for (const name of NAMES) expectClientError(await inference.app.inject({ method: 'GET', url: `/api/inference/remixes/${name}` }), name, 400);
  });
});

describe('gallery-api: names from a request never reach a prototype (issue #10 item 8)', () => {
  it.each(NAMES)('%j as a work id, rendition, creation id, language or licence filter', async (name) => {
    const get = (url: string) => g.app.inject({ method: 'GET', url });
    expectClientError(await get(`/api/gallery/works/${name}`), `work ${name}`, 404);
    expectClientError(await get(`/api/gallery/works/harvest/image/${name}`), `work rendition ${name}`, 404);
    expectClientError(await get(`/api/gallery/creations/${name}`), `creation ${name}`, 404);
    expectClientError(await get(`/api/gallery/creations/${randomUUID()}/image/${name}`), `creation rendition ${name}`, 404);
    expectClientError(await get(`/api/gallery/works/harvest?lang=${name}`), `lang ${name}`, 400);
    expectClientError(await get(`/api/gallery/works?licence=${name}`), `licence filter ${name}`, 400);
  });

  it('works/check answers inherited names as unknown works', async () => {
    const res = await g.app.inject({ method: 'POST', url: '/api/gallery/works/check', payload: { ids: NAMES } });
    expect(res.statusCode).toBe(200);
    expect(res.json().works.map((w: { status: string }) => w.status)).toEqual(NAMES.map(() => 'unknown'));
  });

  it.each(NAMES)('%j as a publish licence, a preview language or a decision is 400', async (name) => {
    expectClientError(await g.publish(publishMeta({ licence: name as 'cc0' }, ['harvest'])), `licence ${name}`, 400);
    const preview = await g.app.inject({ method: 'POST', url: '/api/gallery/creations/preview', payload: { workIds: ['harvest'], lang: name } });
    expectClientError(preview, `preview lang ${name}`, 400);
    const published = await g.publish(publishMeta({}, ['harvest']));
    expectClientError(await g.decide(published.json().id, cookie, { decision: name }), `decision ${name}`, 400);
  });

  it('JSON bodies with __proto__ or constructor.prototype are refused by the parser (400)', async () => {
    for (const url of ['/api/gallery/works/check', '/api/gallery/creations/preview']) {
      const res = await g.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: POISON });
      expectClientError(res, url, 400);
    }
    const login = await g.app.inject({
      method: 'POST',
      url: '/api/gallery/auth/login',
      headers: { 'content-type': 'application/json', origin: g.origin },
      payload: '{"username":"mod.proto","password":"correct horse battery","__proto__":{"role":"admin"}}',
    });
    expectClientError(login, 'login', 400);
  });

  it('a publish meta carrying __proto__ / constructor keys pollutes nothing and never answers 500', async () => {
    const meta = JSON.stringify(publishMeta({}, ['harvest'])).replace(/^\{/, `{"__proto__":{"licence":"cc0","polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},`);
    const res = await g.publish(meta);
    expect(res.statusCode).toBeLessThan(500);
  });
});
