import { describe, expect, it } from 'vitest';
import { modelListingSchema } from '@atelier/contracts';
import { ModelRegistry } from '@atelier/models';
import { modelRef } from '@atelier/models';
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

describe('ManifestCatalog', () => {
  it('lists every manifest through the contract, with tool, label, defaults, licence and why a model is off', () => {
    const list = new ManifestCatalog(manifests, undefined).list();
    expect(list).toHaveLength(7);
    for (const m of list) expect(modelListingSchema.strict().parse(m)).toEqual(m);
    const byId = Object.fromEntries(list.map((m) => [m.id, m]));
    expect(byId['isnet-imgly-medium']).toMatchObject({ enabled: true, tool: 'cutout', defaults: {} });
    expect(byId['magenta-arbitrary-style']).toMatchObject({ enabled: true, tool: 'style', defaults: { strength: 0.8 } });
    expect(byId['upscalerjs-esrgan-slim']).toMatchObject({ enabled: true, tool: 'upscale', label: { en: 'Photo', nl: 'Foto' }, defaults: { scale: 2 } });
    expect(byId['realesr-animevideov3-x4']).toMatchObject({ label: { en: 'Drawing', nl: 'Tekening' }, defaults: { scale: 4 } });
    expect(byId['nsfwjs-mobilenet-v2']).toMatchObject({ enabled: true, defaults: { flagClasses: ['Porn', 'Hentai'], threshold: 0.6 } });
    expect(byId['nsfwjs-mobilenet-v2']).not.toHaveProperty('tool');
    expect(byId['whitebox-cartoonizer']).toMatchObject({
      enabled: false,
      tool: 'cartoon',
      disabledReason: 'operator',
      licence: { spdx: 'CC-BY-NC-SA-4.0', flags: ['non_commercial'] },
    });
    expect(byId['fast-neural-style-nc16']).toMatchObject({
      enabled: false,
      tool: 'fixed-style',
      defaults: { style: 'mosaic' },
      disabledReason: 'operator',
      licence: { spdx: null, flags: ['licence_not_stated'] },
    });
  });

  it('offers for remixing only an enabled model whose manifest names a tool: never the safety classifier', () => {
    const catalog = new ManifestCatalog(manifests, undefined);
    expect(catalog.remixModel('isnet-imgly-medium')).toMatchObject({ tool: 'cutout', manifest: { id: 'isnet-imgly-medium' } });
    expect(catalog.remixModel('nsfwjs-mobilenet-v2')).toBeUndefined();
    expect(catalog.remixModel('whitebox-cartoonizer')).toBeUndefined();
    expect(catalog.manifest('whitebox-cartoonizer')?.tool).toBe('cartoon'); // still known, for remixes made before
  });

  it('finds nothing for ids that are properties of every object', () => {
    const catalog = new ManifestCatalog(manifests, undefined);
    for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(catalog.remixModel(id)).toBeUndefined();
      expect(catalog.manifest(id)).toBeUndefined();
    }
  });

  it('runs the cartoon model and the fixed styles once the operator switches them on', () => {
    const catalog = new ManifestCatalog(manifests, ['+whitebox-cartoonizer', '+fast-neural-style-nc16']);
    expect(catalog.remixModel('whitebox-cartoonizer')?.tool).toBe('cartoon');
    expect(catalog.remixModel('fast-neural-style-nc16')?.tool).toBe('fixed-style');
    expect(catalog.remixModel('magenta-arbitrary-style')?.tool).toBe('style'); // the defaults stay on
    expect(catalog.list().find((m) => m.id === 'fast-neural-style-nc16')).toMatchObject({ enabled: true, tool: 'fixed-style' });
  });

  it('says no_adapter for a model whose tool has no runner here', () => {
    const catalog = new ManifestCatalog(manifests, ['+fast-neural-style-nc16'], new Set(['style', 'cutout', 'upscale', 'cartoon'] as const));
    expect(catalog.list().find((m) => m.id === 'fast-neural-style-nc16')).toMatchObject({ enabled: false, disabledReason: 'no_adapter' });
    expect(catalog.remixModel('fast-neural-style-nc16')).toBeUndefined();
  });

  it('lets the operator list decide when given', () => {
    expect(new ManifestCatalog(manifests, []).remixModel('magenta-arbitrary-style')).toBeUndefined();
  });
});

describe('modelRef', () => {
  const ref = (id: string) => modelRef(registry.get(id)!);

  it("carries the manifest's licence: Magenta is Apache-2.0 with no marks", () => {
    expect(ref('magenta-arbitrary-style')).toEqual({
      id: 'magenta-arbitrary-style',
      version: '1.0.0',
      files: registry.get('magenta-arbitrary-style')!.files.map((f) => ({ name: f.name, sha256: f.sha256 })),
      licence: { spdx: 'Apache-2.0', uri: 'https://www.apache.org/licenses/LICENSE-2.0', flags: [] },
    });
  });

  it('marks the white-box cartoonizer non-commercial and fast-neural-style as having no licence stated', () => {
    expect(ref('whitebox-cartoonizer').licence).toEqual({
      spdx: 'CC-BY-NC-SA-4.0',
      uri: 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
      flags: ['non_commercial'],
    });
    expect(ref('fast-neural-style-nc16').licence).toEqual({ spdx: null, uri: null, flags: ['licence_not_stated'] });
  });

  it('uses the same flags as the model list (one mapping)', () => {
    for (const m of new ManifestCatalog(manifests, undefined).list())
      expect(ref(m.id).licence).toEqual({ spdx: m.licence.spdx, uri: m.licence.uri, flags: m.licence.flags });
  });
});
