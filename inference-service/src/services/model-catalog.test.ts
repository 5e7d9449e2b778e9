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
  it('switches the fixed styles on with +fast-neural-style-nc16 and keeps the defaults', () => {
    const ids = enabledModelIds(manifests, ['+fast-neural-style-nc16']);
    expect(ids.has('fast-neural-style-nc16')).toBe(true);
    expect(ids.has('magenta-arbitrary-style')).toBe(true);
    expect(ids.has('whitebox-cartoonizer')).toBe(false);
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
    expect(byId['fast-neural-style-nc16']).toMatchObject({
      enabled: false,
      tool: 'fixed-style',
      disabledReason: 'operator',
      licence: { spdx: null, flags: ['licence_not_stated'] },
    });
  });
  it('runs the cartoon model once the operator switches it on', () => {
    const catalog = new ManifestCatalog(manifests, ADAPTER_MODEL_IDS, ['+whitebox-cartoonizer']);
    expect(catalog.runnable('whitebox-cartoonizer')?.id).toBe('whitebox-cartoonizer');
  });
  it('keeps the fixed styles off by default (no licence stated) and runs them once switched on with +id', () => {
    expect(new ManifestCatalog(manifests, ADAPTER_MODEL_IDS, undefined).runnable('fast-neural-style-nc16')).toBeUndefined();
    const catalog = new ManifestCatalog(manifests, ADAPTER_MODEL_IDS, ['+fast-neural-style-nc16']);
    expect(catalog.runnable('fast-neural-style-nc16')?.id).toBe('fast-neural-style-nc16');
    expect(catalog.runnable('magenta-arbitrary-style')?.id).toBe('magenta-arbitrary-style'); // the defaults stay on
    expect(catalog.list().find((m) => m.id === 'fast-neural-style-nc16')).toMatchObject({ enabled: true, tool: 'fixed-style' });
  });
  it('says no_adapter for a manifest this service has no adapter for', () => {
    const withoutFastStyle = new Set([...ADAPTER_MODEL_IDS].filter((id) => id !== 'fast-neural-style-nc16'));
    const listing = new ManifestCatalog(manifests, withoutFastStyle, ['+fast-neural-style-nc16']).list().find((m) => m.id === 'fast-neural-style-nc16');
    expect(listing).toMatchObject({ enabled: false, disabledReason: 'no_adapter' });
  });
});
