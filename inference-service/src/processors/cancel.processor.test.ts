import { describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import { createRemixProcessor } from './remix.processor';
import { MagentaStyle } from '../runtime/models/magenta-style';
import { ModelRunner } from '../runtime/runner';
import { SessionCache } from '../runtime/session-cache';
import { createSessionFactory } from '../runtime/providers';
import { LruMap } from '../runtime/lru';
import type { SubjectCutout } from '../runtime/models/cutout';
import type { Upscaler } from '../runtime/models/upscale';
import type { Cartoonizer } from '../runtime/models/cartoon';
import type { FastStyle } from '../runtime/models/fast-style';
import { ModelRegistry } from '@atelier/models';
import { MemoryStorage } from '@atelier/common/storage.fake';
import { MemoryGallery } from '../services/gallery.fake';
import { modelRunners } from '../tools';
import { tinyMagentaRegistry } from '../testing/fixtures';
import type { RemixJobData } from '../jobs/remix.job';

const manifests = await ModelRegistry.load();
const real = (id: string) => manifests.get(id)!;

/**
 * Every tool stops between its steps once the job's signal fires (cancel or timeout): no model runs after
 * the abort, and no output is written.
 */
async function setup() {
  const registry = await tinyMagentaRegistry();
  const magentaManifest = registry.get('magenta-arbitrary-style')!;
  const magenta = new MagentaStyle(new ModelRunner(registry, new SessionCache(createSessionFactory({ providers: ['cpu'] }), 1e9)), magentaManifest);
  const storage = new MemoryStorage();
  const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#2040a0' } }).png().toBuffer();
  const gallery = new MemoryGallery({ 'starry-night': 'ok' }, png);
  await storage.put('inputs/r1.png', png);
  const pixels = { rgb: { data: Buffer.alloc(32 * 24 * 3), width: 32, height: 24 }, alpha: null };
  const cutout = { render: vi.fn(async () => ({ ...pixels, alpha: Buffer.alloc(32 * 24), coverage: 0 })) };
  const upscaler = { render: vi.fn(async () => pixels), supports: () => true };
  const cartoonizer = { render: vi.fn(async () => pixels) };
  const fastStyle = { render: vi.fn(async () => pixels) };
  const realRender = magenta.render.bind(magenta);
  const render = vi.spyOn(magenta, 'render');
  const models = modelRunners(
    [
      { manifest: magentaManifest, tool: 'style', adapter: magenta },
      { manifest: real('isnet-imgly-medium'), tool: 'cutout', adapter: cutout as unknown as SubjectCutout },
      { manifest: real('upscalerjs-esrgan-slim'), tool: 'upscale', adapter: upscaler as unknown as Upscaler },
      { manifest: real('realesr-animevideov3-x4'), tool: 'upscale', adapter: upscaler as unknown as Upscaler },
      { manifest: real('whitebox-cartoonizer'), tool: 'cartoon', adapter: cartoonizer as unknown as Cartoonizer },
      { manifest: real('fast-neural-style-nc16'), tool: 'fixed-style', adapter: fastStyle as unknown as FastStyle },
    ],
    { gallery, styleVectors: new LruMap(4) },
  );
  const process = createRemixProcessor({ storage, models });
  const renders = { style: render, cutout: cutout.render, upscale: upscaler.render, cartoon: cartoonizer.render, 'fixed-style': fastStyle.render };
  const originals: Record<keyof typeof renders, (...args: never[]) => Promise<unknown>> = {
    style: realRender,
    cutout: cutout.render.getMockImplementation()!,
    upscale: upscaler.render.getMockImplementation()!,
    cartoon: cartoonizer.render.getMockImplementation()!,
    'fixed-style': fastStyle.render.getMockImplementation()!,
  };
  return { storage, gallery, process, renders, originals };
}

const jobs: [keyof Awaited<ReturnType<typeof setup>>['renders'], Pick<RemixJobData, 'model' | 'tool' | 'params'>][] = [
  ['style', { model: 'magenta-arbitrary-style', tool: 'style', params: { styleWorkId: 'starry-night', strength: 1 } }],
  ['cutout', { model: 'isnet-imgly-medium', tool: 'cutout', params: { source: 'canvas' } }],
  ['cutout', { model: 'isnet-imgly-medium', tool: 'cutout', params: { source: 'work', workId: 'starry-night' } }],
  ['upscale', { model: 'upscalerjs-esrgan-slim', tool: 'upscale', params: { source: 'canvas', scale: 2 } }],
  ['upscale', { model: 'realesr-animevideov3-x4', tool: 'upscale', params: { source: 'work', workId: 'starry-night', scale: 4 } }],
  ['cartoon', { model: 'whitebox-cartoonizer', tool: 'cartoon', params: {} }],
  ['fixed-style', { model: 'fast-neural-style-nc16', tool: 'fixed-style', params: { style: 'candy' } }],
];

describe('processors honour cancellation', () => {
  it.each(jobs)('%s (%j): aborted while reading its image, it runs no model and writes no output', async (tool, job) => {
    const { storage, gallery, process, renders } = await setup();
    const controller = new AbortController();
    // The visitor cancels while the worker is still reading the canvas or the collection work.
    const get = storage.get.bind(storage);
    vi.spyOn(storage, 'get').mockImplementation(async (key) => (controller.abort('cancelled'), get(key)));
    const workImage = gallery.workImage.bind(gallery);
    vi.spyOn(gallery, 'workImage').mockImplementation(async (id) => (controller.abort('cancelled'), workImage(id)));
    const data = { remixId: 'r1', workIds: [], inputKey: 'inputs/r1.png', inputSha256: 'x', ...job } as RemixJobData;
    await expect(process({ data, updateProgress: async () => {} }, undefined, controller.signal)).rejects.toBe('cancelled');
    expect(renders[tool]).not.toHaveBeenCalled();
    expect(storage.objects.has('outputs/r1.png')).toBe(false);
  });

  it.each(jobs)('%s (%j): aborted during the model run, it writes no output', async (tool, job) => {
    const { storage, process, renders, originals } = await setup();
    const controller = new AbortController();
    // The timeout fires while the model runs; the render itself completes (a native call cannot stop).
    (renders[tool] as unknown as ReturnType<typeof vi.fn>).mockImplementationOnce(async (...args: never[]) => {
      controller.abort('timeout: the remix took longer than 1 s');
      return originals[tool](...args);
    });
    const data = { remixId: 'r1', workIds: [], inputKey: 'inputs/r1.png', inputSha256: 'x', ...job } as RemixJobData;
    await expect(process({ data, updateProgress: async () => {} }, undefined, controller.signal)).rejects.toMatch(/^timeout/);
    expect(storage.objects.has('outputs/r1.png')).toBe(false);
  });
});
