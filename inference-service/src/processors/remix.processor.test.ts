import { describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import { MemoryStorage } from '@atelier/common/storage.fake';
import { createRemixProcessor } from './remix.processor';
import { MagentaStyle } from '../runtime/models/magenta-style';
import { ModelRunner } from '../runtime/runner';
import { SessionCache } from '../runtime/session-cache';
import { createSessionFactory } from '../runtime/providers';
import { LruMap } from '../runtime/lru';
import { MemoryGallery } from '../services/gallery.fake';
import { modelRunners } from '../tools';
import { tinyMagentaRegistry } from '../testing/fixtures';
import type { RemixJobData } from '../jobs/remix.job';

async function setup() {
  const registry = await tinyMagentaRegistry();
  const manifest = registry.get('magenta-arbitrary-style')!;
  const magenta = new MagentaStyle(new ModelRunner(registry, new SessionCache(createSessionFactory({ providers: ['cpu'] }), 1e9)), manifest);
  const storage = new MemoryStorage();
  const image = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#2040a0' } }).webp().toBuffer();
  const gallery = new MemoryGallery({ 'starry-night': 'ok' }, image);
  const styleVectors = new LruMap<string, Float32Array>(4);
  const models = modelRunners([{ manifest, tool: 'style', adapter: magenta }], { gallery, styleVectors });
  const process = createRemixProcessor({ storage, models });
  await storage.put('inputs/r1.png', await sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } }).png().toBuffer());
  const data: RemixJobData = {
    remixId: 'r1',
    model: 'magenta-arbitrary-style',
    tool: 'style',
    params: { styleWorkId: 'starry-night', strength: 0.7 },
    workIds: [],
    inputKey: 'inputs/r1.png',
    inputSha256: 'x',
  };
  return { registry, storage, gallery, process, data, styleVectors };
}

describe('remix processor', () => {
  it('renders, stores the output under the remix id, reports progress as fractions and then announces the output', async () => {
    const { storage, process, data, registry } = await setup();
    const updateProgress = vi.fn(async (_p: unknown) => {
      // The announcement comes only once the output is in storage: the studio fetches it right away.
      if (typeof _p === 'object') expect(storage.objects.has('outputs/r1.png')).toBe(true);
    });
    const result = await process({ data, updateProgress });
    const reported = updateProgress.mock.calls.map((c) => c[0]);
    expect(reported.slice(0, 3)).toEqual([0.1, 0.4, 0.9]);
    expect(reported).toHaveLength(4);
    const { ready } = reported[3] as { progress: number; ready: { output: unknown; model: unknown; finishedAt: string } };
    expect(reported[3]).toMatchObject({ progress: 1 });
    expect(ready.output).toEqual(result.output);
    expect(ready.model).toEqual(result.model);
    expect(result.output).toMatchObject({ key: 'outputs/r1.png', width: 40, height: 32 });
    expect(result.model).toEqual({
      id: 'magenta-arbitrary-style',
      version: '0.0.0-tiny',
      files: registry.get('magenta-arbitrary-style')!.files.map((f) => ({ name: f.name, sha256: f.sha256 })),
      // The licence is stored with the result, so a creation published later names what the weights allowed.
      licence: { spdx: 'Apache-2.0', uri: 'https://www.apache.org/licenses/LICENSE-2.0', flags: [] },
    });
    expect(storage.objects.has('outputs/r1.png')).toBe(true);
  });

  it('reuses a stored output on retry instead of rendering twice, and caches style vectors per work', async () => {
    const { storage, process, data, gallery, styleVectors } = await setup();
    const spy = vi.spyOn(gallery, 'workImage');
    const first = await process({ data, updateProgress: async () => {} });
    await process({ data: { ...data, remixId: 'r2', inputKey: 'inputs/r1.png' }, updateProgress: async () => {} });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(styleVectors.size).toBe(1);
    const put = vi.spyOn(storage, 'put');
    const again = await process({ data, updateProgress: async () => {} });
    expect(put).not.toHaveBeenCalled();
    expect(again.output).toEqual(first.output);
  });

  it('fails without retry for a model it has no runner for (no manifest, switched off, not a remix model)', async () => {
    const { process, data } = await setup();
    for (const model of ['whatever', 'isnet-imgly-medium', 'nsfwjs-mobilenet-v2'])
      await expect(process({ data: { ...data, model }, updateProgress: async () => {} })).rejects.toMatchObject({ name: 'UnrecoverableError' });
  });

  it('fails without retry when the model now runs another tool than its params were checked for', async () => {
    const { process, data } = await setup();
    await expect(process({ data: { ...data, tool: 'cutout' }, updateProgress: async () => {} })).rejects.toMatchObject({
      name: 'UnrecoverableError',
      message: expect.stringMatching(/queued for cutout/),
    });
  });
});
