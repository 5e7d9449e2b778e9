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
import { FakeGallery, MemoryStorage, tinyMagentaRegistry } from '../testing/fakes';
import type { RemixJobData } from '../jobs/remix.job';

const scores = (porn: number): SafetyScores => ({ Drawing: 0, Hentai: 0.1, Neutral: 0.9 - porn, Porn: porn, Sexy: 0 });
const fakeClassifier = (porn: number) => ({ scores: vi.fn(async () => scores(porn)) }) as unknown as SafetyClassifier;
const policy = { flagClasses: ['Porn', 'Hentai'] as const, threshold: 0.6 };

async function setup(opts: { porn?: number; recipeVector?: number[]; enabled?: boolean } = {}) {
  const registry = await tinyMagentaRegistry();
  const magenta = new MagentaStyle(new ModelRunner(registry, new SessionCache(createSessionFactory({ providers: ['cpu'] }), 1e9)));
  const storage = new MemoryStorage();
  const gallery = new FakeGallery({ 'starry-night': 'ok' }, await sharp({ create: { width: 64, height: 64, channels: 3, background: '#2040a0' } }).webp().toBuffer());
  const safety = new SafetyScreen(fakeClassifier(opts.porn ?? 0), { ...policy, flagClasses: [...policy.flagClasses] }, { id: 'nsfwjs-mobilenet-v2', version: '4.4.0' });
  const process = createRemixProcessor({
    storage,
    gallery,
    magenta,
    styleVectors: new LruMap(4),
    manifest: (id) => registry.get(id),
    safety,
    recipe: (id) => (id === 'starry' ? { styleWorkId: 'starry-night', styleVector: opts.recipeVector, styleVectorModel: 'magenta-arbitrary-style@0.0.0-tiny' } : undefined),
    enabled: () => opts.enabled ?? true,
  });
  await storage.put('inputs/r1.png', await sharp({ create: { width: 40, height: 32, channels: 3, background: '#fff' } }).png().toBuffer());
  const data: RemixJobData = { remixId: 'r1', model: 'magenta-arbitrary-style', params: { styleWorkId: 'starry-night', strength: 1 }, workIds: [], inputKey: 'inputs/r1.png', inputSha256: 'x' };
  return { storage, gallery, process, data };
}

describe('remix processor: safety, recipes, switches, cancel', () => {
  it('completes a flagged remix and carries the scores of canvas and output (never drops it)', async () => {
    const { process, data, storage } = await setup({ porn: 0.7 });
    const result = await process({ data, updateProgress: async () => {} });
    expect(storage.files.has('outputs/r1.png')).toBe(true);
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
    expect(storage.files.has('outputs/r1.png')).toBe(false);
  });

  it('refuses a cut-out when this worker has no cut-out adapter', async () => {
    const { process, data } = await setup();
    await expect(process({ data: { ...data, model: 'isnet-imgly-medium', params: { source: 'canvas' } }, updateProgress: async () => {} })).rejects.toMatchObject({
      name: 'UnrecoverableError',
    });
  });
});
