import type { ModelListing } from '@atelier/contracts/model.schema';
import { describe, expect, it } from 'vitest';
import { buildRemixRequest, modelFor, modelsOf, remixTools, resolveOptions, type RemixOptions } from './remix-request';
import { MODELS, RECIPES } from './studio.test-support';

const options = (patch: Partial<RemixOptions> = {}): RemixOptions => ({
  models: MODELS,
  styleWorkId: null,
  strength: null,
  mixWorkId: null,
  mixWeight: 0.5,
  recipe: null,
  upscaleModel: null,
  upscaleScale: null,
  fixedStyle: null,
  ...patch,
});

describe('remixTools', () => {
  it('lists the tools the catalogue has models for, in the contract order, never the safety model', () => {
    expect(remixTools(MODELS)).toEqual(['style', 'cutout', 'upscale', 'cartoon', 'fixed-style']);
    expect(remixTools(MODELS.filter((m) => m.tool === 'upscale' || !m.tool))).toEqual(['upscale']);
    expect(remixTools([])).toEqual([]);
  });
});

describe('modelFor', () => {
  it('takes the chosen model of the tool, else the first switched on, else the first', () => {
    const ups = modelsOf('upscale', MODELS);
    expect(ups.map((m) => m.id)).toEqual(['upscalerjs-esrgan-slim', 'realesr-animevideov3-x4']); // ×2 before ×4
    expect(modelFor('upscale', MODELS, 'realesr-animevideov3-x4')?.id).toBe('realesr-animevideov3-x4');
    expect(modelFor('upscale', MODELS, 'magenta-arbitrary-style')?.id).toBe('upscalerjs-esrgan-slim'); // not an upscaler
    const off = MODELS.map((m) => (m.id === 'upscalerjs-esrgan-slim' ? { ...m, enabled: false } : m));
    expect(modelFor('upscale', off)?.id).toBe('realesr-animevideov3-x4');
    expect(modelFor('cartoon', MODELS)?.id).toBe('whitebox-cartoonizer'); // off, but still the cartoon model
    expect(modelFor('style', [])).toBeUndefined();
  });
});

describe('buildRemixRequest', () => {
  it('styles with the work and the style model, its manifest strength until the visitor moves the slider', () => {
    expect(buildRemixRequest('style', options({ styleWorkId: 'w2' }))).toEqual({
      model: 'magenta-arbitrary-style',
      params: { styleWorkId: 'w2', strength: 0.8 },
    });
    expect(buildRemixRequest('style', options({ styleWorkId: 'w2', strength: 0.35 }))?.params).toEqual({ styleWorkId: 'w2', strength: 0.35 });
  });

  it('needs a style work and a style model', () => {
    expect(buildRemixRequest('style', options())).toBeNull();
    expect(buildRemixRequest('style', options({ styleWorkId: 'w2', models: MODELS.filter((m) => m.tool !== 'style') }))).toBeNull();
  });

  it('mixes in a second work by a fraction, but not the style work itself', () => {
    expect(buildRemixRequest('style', options({ styleWorkId: 'w2', mixWorkId: 'w3', mixWeight: 0.25 }))?.params).toEqual({
      styleWorkId: 'w2',
      strength: 0.8,
      mixWorkId: 'w3',
      mixWeight: 0.25,
    });
    expect(buildRemixRequest('style', options({ styleWorkId: 'w2', mixWorkId: 'w2' }))?.params).toEqual({ styleWorkId: 'w2', strength: 0.8 });
  });

  it("sends a recipe with its model while its work is the style work, and drops it once another work is chosen", () => {
    const recipe = { ...RECIPES[0]!, model: 'magenta-v2' };
    const v2: ModelListing = { ...MODELS.find((m) => m.tool === 'style')!, id: 'magenta-v2', defaults: { strength: 0.7 } };
    const models = [...MODELS, v2];
    expect(buildRemixRequest('style', options({ models, recipe, styleWorkId: 'wave', strength: 0.6 }))).toEqual({
      model: 'magenta-v2',
      params: { styleWorkId: 'wave', strength: 0.6, recipeId: 'great-wave' },
    });
    expect(buildRemixRequest('style', options({ models, recipe, styleWorkId: 'w2' }))).toEqual({
      model: 'magenta-arbitrary-style',
      params: { styleWorkId: 'w2', strength: 0.8 },
    });
  });

  it('cuts out the uploaded picture (the canvas or the selected layer as shown), never the collection original', () => {
    expect(buildRemixRequest('cutout', options())).toEqual({ model: 'isnet-imgly-medium', params: { source: 'canvas' } });
  });

  it("upscales with the chosen model at the visitor's scale, else that model's default scale", () => {
    expect(buildRemixRequest('upscale', options())).toEqual({ model: 'upscalerjs-esrgan-slim', params: { source: 'canvas', scale: 2 } });
    expect(buildRemixRequest('upscale', options({ upscaleModel: 'realesr-animevideov3-x4' }))).toEqual({
      model: 'realesr-animevideov3-x4',
      params: { source: 'canvas', scale: 4 },
    });
    expect(buildRemixRequest('upscale', options({ upscaleModel: 'realesr-animevideov3-x4', upscaleScale: 2 }))?.params).toEqual({ source: 'canvas', scale: 2 });
  });

  it('cartoons and applies a fixed style to the whole canvas, whatever is selected', () => {
    expect(buildRemixRequest('cartoon', options())).toEqual({ model: 'whitebox-cartoonizer', params: {} });
    expect(buildRemixRequest('fixed-style', options())).toEqual({ model: 'fast-neural-style-nc16', params: { style: 'mosaic' } });
    expect(buildRemixRequest('fixed-style', options({ fixedStyle: 'udnie' }))?.params).toEqual({ style: 'udnie' });
  });

  it('takes every model id and default from the catalogue, none from the studio', () => {
    const other: ModelListing[] = [
      { ...MODELS.find((m) => m.tool === 'style')!, id: 'house-style', defaults: { strength: 0.4 } },
      { ...MODELS.find((m) => m.tool === 'fixed-style')!, id: 'house-fixed', defaults: { style: 'candy' } },
      { ...MODELS.find((m) => m.tool === 'upscale')!, id: 'house-upscale', defaults: { scale: 4 } },
    ];
    expect(buildRemixRequest('style', options({ models: other, styleWorkId: 'w' }))).toEqual({ model: 'house-style', params: { styleWorkId: 'w', strength: 0.4 } });
    expect(buildRemixRequest('fixed-style', options({ models: other }))).toEqual({ model: 'house-fixed', params: { style: 'candy' } });
    expect(buildRemixRequest('upscale', options({ models: other }))).toEqual({ model: 'house-upscale', params: { source: 'canvas', scale: 4 } });
    expect(buildRemixRequest('cutout', options({ models: other }))).toBeNull();
    expect(buildRemixRequest('cartoon', options({ models: other }))).toBeNull();
  });
});

describe('resolveOptions', () => {
  it('shows the manifest defaults until the visitor chooses', () => {
    expect(resolveOptions(options())).toMatchObject({ strength: 0.8, upscaleScale: 2, fixedStyle: 'mosaic' });
    expect(resolveOptions(options({ strength: 0.1, upscaleScale: 4, fixedStyle: 'candy' }))).toMatchObject({ strength: 0.1, upscaleScale: 4, fixedStyle: 'candy' });
  });
});
