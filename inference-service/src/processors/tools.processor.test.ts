import { describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import { createRemixProcessor } from './remix.processor';
import { MagentaStyle } from '../runtime/models/magenta-style';
import { ModelRunner } from '../runtime/runner';
import { SessionCache } from '../runtime/session-cache';
import { createSessionFactory } from '../runtime/providers';
import { LruMap } from '../runtime/lru';
import { SafetyScreen } from '../runtime/safety-screen';
import type { SafetyClassifier, SafetyScores } from '../runtime/models/safety';
import { FastStyle } from '../runtime/models/fast-style';
import { MemoryStorage } from '@atelier/common/storage.fake';
import { MemoryGallery } from '../services/gallery.fake';
import { modelRunners } from '../tools';
import { tinyFastStyleRegistry, tinyMagentaRegistry } from '../testing/fixtures';
import type { RemixJobData } from '../jobs/remix.job';

const scores = (porn: number): SafetyScores => ({ Drawing: 0, Hentai: 0.1, Neutral: 0.9 - porn, Porn: porn, Sexy: 0 });
const fakeClassifier = (porn: number) => ({ scores: vi.fn(async () => scores(porn)) }) as unknown as SafetyClassifier;
const policy = { flagClasses: ['Porn', 'Hentai'] as const, threshold: 0.6 };

async function setup(opts: { porn?: number; recipeVector?: number[]; enabled?: boolean } = {}) {
  const registry = await tinyMagentaRegistry();
  const manifest = registry.get('magenta-arbitrary-style')!;
  const magenta = new MagentaStyle(new ModelRunner(registry, new SessionCache(createSessionFactory({ providers: ['cpu'] }), 1e9)), manifest);
  const storage = new MemoryStorage();
  const gallery = new MemoryGallery({ 'starry-night': 'ok' }, await sharp({ create: { width: 64, height: 64, channels: 3, background: '#2040a0' } }).webp().toBuffer());
  const safety = new SafetyScreen(fakeClassifier(opts.porn ?? 0), { ...policy, flagClasses: [...policy.flagClasses] }, { id: 'nsfwjs-mobilenet-v2', version: '4.4.0' });
  // A model the operator switched off after its job was queued has no runner in the worker.
  const models = modelRunners(opts.enabled === false ? [] : [{ manifest, tool: 'style', adapter: magenta }], {
    gallery,
    styleVectors: new LruMap(4),
    recipe: (id) => (id === 'starry' ? { styleWorkId: 'starry-night', styleVector: opts.recipeVector, styleVectorModel: 'magenta-arbitrary-style@0.0.0-tiny' } : undefined),
  });
  const process = createRemixProcessor({ storage, models, safety });
  await storage.put('inputs/r1.png', await sharp({ create: { width: 40, height: 32, channels: 3, background: '#fff' } }).png().toBuffer());
  const data: RemixJobData = { remixId: 'r1', model: 'magenta-arbitrary-style', tool: 'style', params: { styleWorkId: 'starry-night', strength: 1 }, workIds: [], inputKey: 'inputs/r1.png', inputSha256: 'x' };
  return { storage, gallery, process, data };
}

describe('remix processor: safety, recipes, switches, cancel', () => {
  it('completes a flagged remix and carries the scores of canvas and output (never drops it)', async () => {
    const { process, data, storage } = await setup({ porn: 0.7 });
    const result = await process({ data, updateProgress: async () => {} });
    expect(storage.objects.has('outputs/r1.png')).toBe(true);
    expect(result.safety).toMatchObject({ screened: true, flagged: true, threshold: 0.6, scores: { input: { Porn: 0.7 }, output: { Porn: 0.7 } } });
  });

  it('does not flag below the threshold (Porn + Hentai = 0.5)', async () => {
    const { process, data } = await setup({ porn: 0.4 });
    expect((await process({ data, updateProgress: async () => {} })).safety).toMatchObject({ screened: true, flagged: false });
  });

  it('says screened: false when the classifier is off, instead of claiming the image is clean', async () => {
    const report = await new SafetyScreen(null, { flagClasses: ['Porn'], threshold: 0.6 }, null).report({ output: Buffer.from('x') });
    expect(report).toMatchObject({ screened: false, flagged: false, note: expect.stringMatching(/not enabled/) });
  });

  it('uses a recipe’s precomputed style vector without fetching the painting', async () => {
    const { process, data, gallery } = await setup({ recipeVector: Array.from({ length: 100 }, () => 0.1) });
    const spy = vi.spyOn(gallery, 'workImage');
    await process({ data: { ...data, params: { styleWorkId: 'starry-night', strength: 1, recipeId: 'starry' } }, updateProgress: async () => {} });
    expect(spy).not.toHaveBeenCalled();
  });

  it('fails without retry when the operator switched the model off after the job was queued', async () => {
    const { process, data } = await setup({ enabled: false });
    await expect(process({ data, updateProgress: async () => {} })).rejects.toMatchObject({ name: 'UnrecoverableError' });
  });

  it('writes no output once the job is cancelled', async () => {
    const { process, data, storage } = await setup();
    const controller = new AbortController();
    controller.abort('cancelled');
    await expect(process({ data, updateProgress: async () => {} }, undefined, controller.signal)).rejects.toBe('cancelled');
    expect(storage.objects.has('outputs/r1.png')).toBe(false);
  });

  it('refuses a cut-out when this worker has no cut-out adapter', async () => {
    const { process, data } = await setup();
    await expect(process({ data: { ...data, model: 'isnet-imgly-medium', tool: 'cutout', params: { source: 'canvas' } }, updateProgress: async () => {} })).rejects.toMatchObject({
      name: 'UnrecoverableError',
    });
  });
});

describe('remix processor: the fixed-style tool', () => {
  async function fixedStyleSetup(opts: { adapter?: boolean } = {}) {
    const fastRegistry = await tinyFastStyleRegistry();
    const cache = new SessionCache(createSessionFactory({ providers: ['cpu'] }), 1e9);
    const storage = new MemoryStorage();
    const classifier = fakeClassifier(0.1);
    const manifest = fastRegistry.get('fast-neural-style-nc16')!;
    const fastStyle = new FastStyle(new ModelRunner(fastRegistry, cache), manifest);
    const models = modelRunners(opts.adapter === false ? [] : [{ manifest, tool: 'fixed-style', adapter: fastStyle }], { gallery: new MemoryGallery({}), styleVectors: new LruMap(4) });
    const process = createRemixProcessor({
      storage,
      models,
      safety: new SafetyScreen(classifier, { flagClasses: ['Porn', 'Hentai'], threshold: 0.6 }, { id: 'nsfwjs-mobilenet-v2', version: '4.4.0' }),
    });
    // A 42×29 canvas, partly transparent: the output is 44×28 (multiples of 4) and keeps an alpha channel.
    const canvas = await sharp({ create: { width: 42, height: 29, channels: 4, background: { r: 60, g: 30, b: 200, alpha: 0.5 } } }).png().toBuffer();
    await storage.put('inputs/f1.png', canvas);
    const data: RemixJobData = { remixId: 'f1', model: 'fast-neural-style-nc16', tool: 'fixed-style', params: { style: 'mosaic' }, workIds: [], inputKey: 'inputs/f1.png', inputSha256: 'x' };
    return { process, storage, data, classifier };
  }

  it('renders the canvas in the chosen style, keeps its alpha, stores it and screens canvas and output', async () => {
    const { process, storage, data, classifier } = await fixedStyleSetup();
    const progress: unknown[] = [];
    const result = await process({ data, updateProgress: async (p) => void progress.push(p) });
    expect(result.model).toMatchObject({ id: 'fast-neural-style-nc16', version: '0.0.0-tiny' });
    expect(result.model.files.map((f) => f.name)).toContain('mosaic.onnx');
    expect([result.output.width, result.output.height]).toEqual([44, 28]);
    const raw = await sharp(storage.objects.get('outputs/f1.png')!).raw().toBuffer({ resolveWithObject: true });
    expect([raw.info.width, raw.info.height, raw.info.channels]).toEqual([44, 28, 4]);
    // The model sees the canvas on white paper (60, 30, 200 at half alpha → 157, 142, 227); the stand-in
    // computes 2v − 100, and 354 is clamped to 255.
    expect([...raw.data.subarray(0, 3)]).toEqual([214, 184, 255]);
    expect(Math.abs(raw.data[3]! - 128)).toBeLessThanOrEqual(1);
    expect(result.safety).toMatchObject({ screened: true, flagged: false });
    expect(Object.keys(result.safety!.scores).sort()).toEqual(['input', 'output']);
    expect(classifier.scores).toHaveBeenCalledTimes(2);
    expect(result.timings).toMatchObject({ run: expect.any(Number), pre: expect.any(Number), post: expect.any(Number) });
    expect(progress).toContainEqual(0.15);
  });

  it('fails without retry when the style is not offered (a job queued around the API)', async () => {
    const { process, data, storage } = await fixedStyleSetup();
    await expect(process({ data: { ...data, params: { style: 'rain-princess' } as never }, updateProgress: async () => {} })).rejects.toThrow(/not offered/);
    expect(storage.objects.has('outputs/f1.png')).toBe(false);
  });

  it('refuses the job when this worker has no runner for the model', async () => {
    const { process, data } = await fixedStyleSetup({ adapter: false });
    await expect(process({ data, updateProgress: async () => {} })).rejects.toMatchObject({ name: 'UnrecoverableError' });
  });
});
