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
import type { ModelManifest } from '@atelier/models';
import { FakeGallery, MemoryStorage, tinyMagentaRegistry } from '../testing/fakes';
import type { RemixJobData } from '../jobs/remix.job';

/**
 * Every tool stops between its steps once the job's signal fires (cancel or timeout): no model runs after
 * the abort, and no output is written.
 */
async function setup() {
  const registry = await tinyMagentaRegistry();
  const magenta = new MagentaStyle(new ModelRunner(registry, new SessionCache(createSessionFactory({ providers: ['cpu'] }), 1e9)));
  const storage = new MemoryStorage();
  const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#2040a0' } }).png().toBuffer();
  const gallery = new FakeGallery({ 'starry-night': 'ok' }, png);
  await storage.put('inputs/r1.png', png);
  const pixels = { rgb: { data: Buffer.alloc(32 * 24 * 3), width: 32, height: 24 }, alpha: null };
  const cutout = { render: vi.fn(async () => ({ ...pixels, alpha: Buffer.alloc(32 * 24), coverage: 0 })) };
  const upscaler = { render: vi.fn(async () => pixels) };
  const cartoonizer = { render: vi.fn(async () => pixels) };
  const fastStyle = { render: vi.fn(async () => pixels) };
  const realRender = magenta.render.bind(magenta);
  const render = vi.spyOn(magenta, 'render');
  const manifest = (id: string) => registry.get('magenta-arbitrary-style') && ({ ...registry.get('magenta-arbitrary-style')!, id } as ModelManifest);
  const process = createRemixProcessor({
    storage,
    gallery,
    magenta,
    styleVectors: new LruMap(4),
    manifest,
    cutout: cutout as unknown as SubjectCutout,
    upscaler: upscaler as unknown as Upscaler,
    cartoonizer: cartoonizer as unknown as Cartoonizer,
    fastStyle: fastStyle as unknown as FastStyle,
  });
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

const jobs: [keyof Awaited<ReturnType<typeof setup>>['renders'], Pick<RemixJobData, 'model' | 'params'>][] = [
  ['style', { model: 'magenta-arbitrary-style', params: { styleWorkId: 'starry-night', strength: 1 } }],
  ['cutout', { model: 'isnet-imgly-medium', params: { source: 'canvas' } }],
  ['cutout', { model: 'isnet-imgly-medium', params: { source: 'work', workId: 'starry-night' } }],
  ['upscale', { model: 'upscalerjs-esrgan-slim', params: { source: 'canvas', scale: 2 } }],
  ['upscale', { model: 'realesr-animevideov3-x4', params: { source: 'work', workId: 'starry-night', scale: 4 } }],
  ['cartoon', { model: 'whitebox-cartoonizer', params: {} }],
  ['fixed-style', { model: 'fast-neural-style-nc16', params: { style: 'candy' } }],
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
    expect(storage.files.has('outputs/r1.png')).toBe(false);
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
    expect(storage.files.has('outputs/r1.png')).toBe(false);
  });
});
