import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { loadRecipes } from '@atelier/prompts';
import type { MemoryGallery } from '../../services/gallery.fake';
import type { MemoryRemixQueue } from '../../services/remix-queue.fake';
import { testApi } from '../../testing/app';
import { multipartBody } from '../../testing/fixtures';

const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#88aa22' } }).png().toBuffer();
const recipes = await loadRecipes();

let app: FastifyInstance;
let queue: MemoryRemixQueue;
let gallery: MemoryGallery;

/** The API with INFERENCE_MODELS as an operator would set it (unset = the manifests' defaults). */
async function buildApp(enabled?: string[]): Promise<FastifyInstance> {
  const works = { 'local-van-gogh-starry-night': 'ok', 'local-hokusai-great-wave': 'ok', harvesters: 'ok', 'nc-photo': { status: 'refused', reason: 'CC BY-NC' } } as const;
  const built = await testApi({ enabled, works, recipes });
  ({ queue, gallery } = built);
  return built.app;
}

beforeEach(async () => {
  app = await buildApp();
});
afterEach(() => app.close());

function post(model: string, params: Record<string, unknown>) {
  const { payload, headers } = multipartBody([
    { name: 'meta', data: JSON.stringify({ requestId: randomUUID(), model, params, workIds: [] }) },
    { name: 'canvas', filename: 'canvas.png', contentType: 'image/png', data: png },
  ]);
  return app.inject({ method: 'POST', url: '/api/inference/remixes', payload, headers });
}

describe('GET /api/inference/recipes', () => {
  it('lists the curated styles with bilingual title and what to look for, without the vectors', async () => {
    const res = await app.inject('/api/inference/recipes');
    expect(res.statusCode).toBe(200);
    const body = res.json() as Record<string, unknown>[];
    expect(body.map((r) => r.id)).toEqual(expect.arrayContaining(['starry-night', 'great-wave']));
    for (const r of body) {
      expect(r).toMatchObject({ model: 'magenta-arbitrary-style', title: { nl: expect.any(String), en: expect.any(String) }, lookFor: { nl: expect.any(String), en: expect.any(String) } });
      expect(r).not.toHaveProperty('styleVector');
    }
  });
});

describe('POST /remixes for the other tools', () => {
  it('queues a cut-out of the canvas and of a work, checking the work', async () => {
    expect((await post('isnet-imgly-medium', { source: 'canvas' })).statusCode).toBe(202);
    expect((await post('isnet-imgly-medium', { source: 'work', workId: 'harvesters' })).statusCode).toBe(202);
    expect(gallery.checks.at(-1)).toEqual(['harvesters']);
  });
  it('refuses a work cut-out without a workId, and a refused work with 422', async () => {
    const res = await post('isnet-imgly-medium', { source: 'work' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect((await post('isnet-imgly-medium', { source: 'work', workId: 'nc-photo' })).statusCode).toBe(422);
  });
  it('accepts ×2 and ×4 upscales and refuses ×3', async () => {
    expect((await post('upscalerjs-esrgan-slim', { source: 'canvas', scale: 4 })).statusCode).toBe(202);
    expect((await post('realesr-animevideov3-x4', { source: 'canvas', scale: 2 })).statusCode).toBe(202);
    expect((await post('upscalerjs-esrgan-slim', { source: 'canvas', scale: 3 })).statusCode).toBe(400);
  });
  it('checks both works of a style mix', async () => {
    const res = await post('magenta-arbitrary-style', { styleWorkId: 'local-van-gogh-starry-night', strength: 0.7, mixWorkId: 'nc-photo', mixWeight: 0.5 });
    expect(res.statusCode).toBe(422);
    expect(gallery.checks.at(-1)).toEqual(expect.arrayContaining(['local-van-gogh-starry-night', 'nc-photo']));
  });
  it('refuses style params on a cut-out and unknown params on a style remix', async () => {
    expect((await post('isnet-imgly-medium', { styleWorkId: 'harvesters', strength: 1 })).statusCode).toBe(400);
    expect((await post('magenta-arbitrary-style', { styleWorkId: 'harvesters', strength: 1, prompt: 'x' })).statusCode).toBe(400);
  });
  it('refuses the cartoon model while the operator has not enabled it', async () => {
    const res = await post('whitebox-cartoonizer', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('unknown_model');
  });
});

describe('POST /remixes with the fixed styles (fast-neural-style-nc16)', () => {
  const MODEL = 'fast-neural-style-nc16';

  it('refuses it while the operator has not enabled it (no licence stated: off by default)', async () => {
    const res = await post(MODEL, { style: 'mosaic' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('unknown_model');
    expect(queue.adds).toBe(0);
  });

  describe('enabled with INFERENCE_MODELS=+fast-neural-style-nc16', () => {
    beforeEach(async () => {
      await app.close();
      app = await buildApp(['+fast-neural-style-nc16']);
    });

    it('queues each offered style with exactly its params', async () => {
      for (const style of ['candy', 'mosaic', 'udnie']) {
        const res = await post(MODEL, { style });
        expect(res.statusCode, style).toBe(202);
        expect(res.json()).toMatchObject({ status: 'queued', model: { id: MODEL }, params: { style } });
      }
      const ids = (await Promise.all(['candy', 'mosaic', 'udnie'].map(() => queue.take()))) as string[];
      expect(await Promise.all(ids.map(async (id) => (await queue.find(id))!.data))).toMatchObject([
        { tool: 'fixed-style', params: { style: 'candy' } },
        { tool: 'fixed-style', params: { style: 'mosaic' } },
        { tool: 'fixed-style', params: { style: 'udnie' } },
      ]);
    });

    it('refuses rain-princess (a painting still in copyright), an unknown style, no style and extra params with 400', async () => {
      for (const params of [{ style: 'rain-princess' }, { style: 'starry-night' }, {}, { style: 'mosaic', strength: 1 }, { style: 'MOSAIC' }]) {
        const res = await post(MODEL, params);
        expect(res.statusCode, JSON.stringify(params)).toBe(400);
        expect(res.json().error.code).toBe('validation_failed');
      }
      expect(queue.adds).toBe(0);
    });

    it('lists the model as enabled with its tool and its licence flag', async () => {
      const models = (await app.inject('/api/inference/models')).json() as Record<string, unknown>[];
      expect(models.find((m) => m.id === MODEL)).toMatchObject({ enabled: true, tool: 'fixed-style', licence: { spdx: null, flags: ['licence_not_stated'] } });
    });
  });
});
