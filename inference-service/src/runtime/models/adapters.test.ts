import { describe, expect, it } from 'vitest';
import { ModelRegistry } from '@atelier/models';
import type { ModelRunner } from '../runner';
import { refineMatte } from './cutout';
import { flagScore, safetyPolicy } from './safety';
import { Upscaler } from './upscale';

const registry = await ModelRegistry.load();
const nsfwjs = registry.get('nsfwjs-mobilenet-v2')!;

describe('refineMatte', () => {
  it('clears faint haze, saturates the core and keeps soft edges ordered', () => {
    const out = refineMatte(Buffer.from([0, 10, 64, 128, 200, 245, 255]));
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(0);
    expect(out[5]).toBe(255);
    expect(out[6]).toBe(255);
    expect(out[2]!).toBeLessThan(out[3]!);
    expect(out[3]!).toBeLessThan(out[4]!);
  });
});

describe('safety policy', () => {
  it("takes the classifier manifest's defaults (Porn + Hentai ≥ 0.6) and lets the env override them", () => {
    const policy = safetyPolicy(nsfwjs, {});
    expect(policy).toEqual({ flagClasses: ['Porn', 'Hentai'], threshold: 0.6 });
    expect(policy).toEqual({ flagClasses: nsfwjs.defaults.flagClasses, threshold: nsfwjs.defaults.threshold });
    expect(flagScore({ Drawing: 0, Hentai: 0.25, Neutral: 0.3, Porn: 0.35, Sexy: 0.1 }, policy)).toBeCloseTo(0.6);
    expect(safetyPolicy(nsfwjs, { SAFETY_THRESHOLD: '0.8', SAFETY_FLAG_CLASSES: 'Porn,Sexy' })).toEqual({ flagClasses: ['Porn', 'Sexy'], threshold: 0.8 });
    expect(() => safetyPolicy(nsfwjs, { SAFETY_THRESHOLD: '2' })).toThrow(/SAFETY_THRESHOLD/);
    expect(() => safetyPolicy(nsfwjs, { SAFETY_FLAG_CLASSES: 'Nude' })).toThrow(/Nude/);
  });

  it('follows the manifest when its defaults change', () => {
    const stricter = { ...nsfwjs, defaults: { flagClasses: ['Porn', 'Hentai', 'Sexy'], threshold: 0.5 } };
    expect(safetyPolicy(stricter, {})).toEqual({ flagClasses: ['Porn', 'Hentai', 'Sexy'], threshold: 0.5 });
  });
});

describe('Upscaler scales', () => {
  const upscaler = (id: string) => new Upscaler({} as ModelRunner, registry.get(id)!);
  it("offers the scales its manifest lists: ×2 and ×4 for photos and drawings, nothing else", () => {
    expect(upscaler('upscalerjs-esrgan-slim').supports(2)).toBe(true);
    expect(upscaler('upscalerjs-esrgan-slim').supports(4)).toBe(true);
    expect(upscaler('realesr-animevideov3-x4').supports(2)).toBe(true);
    expect(upscaler('realesr-animevideov3-x4').supports(3)).toBe(false);
  });
});
