import { describe, expect, it } from 'vitest';
import { ModelRegistry } from '@atelier/models';
import { ADAPTER_MODEL_IDS } from '../runtime/models';
import { ManifestCatalog, enabledModelIds } from './model-catalog';

const registry = await ModelRegistry.load();
const manifests = registry.list();

describe('enabledModelIds (INFERENCE_MODELS)', () => {
  it('uses each manifest default when unset: flagged models stay off', () => {
    const ids = enabledModelIds(manifests, undefined);
    expect(ids.has('magenta-arbitrary-style')).toBe(true);
    expect(ids.has('whitebox-cartoonizer')).toBe(false);
    expect(ids.has('fast-neural-style-nc16')).toBe(false);
  });
  it('adds and removes relative to the defaults with +id / -id', () => {
    const ids = enabledModelIds(manifests, ['+whitebox-cartoonizer', '-realesr-animevideov3-x4']);
    expect(ids.has('whitebox-cartoonizer')).toBe(true);
    expect(ids.has('realesr-animevideov3-x4')).toBe(false);
    expect(ids.has('isnet-imgly-medium')).toBe(true);
  });
  it('takes plain ids as the exact list, and an empty list as none', () => {
    expect([...enabledModelIds(manifests, ['isnet-imgly-medium'])]).toEqual(['isnet-imgly-medium']);
    expect(enabledModelIds(manifests, []).size).toBe(0);
  });
  it('refuses an id with no manifest, so a typo does not silently switch a model off', () => {
    expect(() => enabledModelIds(manifests, ['+whitebox-cartoniser'])).toThrow(/whitebox-cartoniser/);
  });
});

describe('ManifestCatalog with every adapter', () => {
  it('lists licence, flags, tool and why a model is off', () => {
    const list = new ManifestCatalog(manifests, ADAPTER_MODEL_IDS, undefined).list();
    const byId = Object.fromEntries(list.map((m) => [m.id, m]));
    expect(byId['isnet-imgly-medium']).toMatchObject({ enabled: true, tool: 'cutout' });
    expect(byId['upscalerjs-esrgan-slim']).toMatchObject({ enabled: true, tool: 'upscale' });
    expect(byId['nsfwjs-mobilenet-v2']).toMatchObject({ enabled: true });
    expect(byId['whitebox-cartoonizer']).toMatchObject({
      enabled: false,
      tool: 'cartoon',
      disabledReason: 'operator',
      licence: { spdx: 'CC-BY-NC-SA-4.0', flags: ['non_commercial'] },
    });
    expect(byId['fast-neural-style-nc16']).toMatchObject({ enabled: false, disabledReason: 'no_adapter', licence: { flags: ['licence_not_stated'] } });
  });
  it('runs the cartoon model once the operator switches it on', () => {
    const catalog = new ManifestCatalog(manifests, ADAPTER_MODEL_IDS, ['+whitebox-cartoonizer']);
    expect(catalog.runnable('whitebox-cartoonizer')?.id).toBe('whitebox-cartoonizer');
  });
});
