import { describe, expect, it } from 'vitest';
import { refineMatte } from './cutout';
import { DEFAULT_SAFETY_POLICY, flagScore, safetyPolicyFromEnv } from './safety';
import { Upscaler } from './upscale';

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
  it('flags on Porn + Hentai ≥ 0.6 by default and reads the env', () => {
    expect(DEFAULT_SAFETY_POLICY).toEqual({ flagClasses: ['Porn', 'Hentai'], threshold: 0.6 });
    expect(flagScore({ Drawing: 0, Hentai: 0.25, Neutral: 0.3, Porn: 0.35, Sexy: 0.1 }, DEFAULT_SAFETY_POLICY)).toBeCloseTo(0.6);
    expect(safetyPolicyFromEnv({ SAFETY_THRESHOLD: '0.8', SAFETY_FLAG_CLASSES: 'Porn,Sexy' })).toEqual({ flagClasses: ['Porn', 'Sexy'], threshold: 0.8 });
    expect(() => safetyPolicyFromEnv({ SAFETY_THRESHOLD: '2' })).toThrow(/SAFETY_THRESHOLD/);
    expect(() => safetyPolicyFromEnv({ SAFETY_FLAG_CLASSES: 'Nude' })).toThrow(/Nude/);
  });
});

describe('Upscaler variants', () => {
  it('offers ×2/×4 for photos and drawings, nothing else', () => {
    expect(Upscaler.supports('upscalerjs-esrgan-slim', 2)).toBe(true);
    expect(Upscaler.supports('realesr-animevideov3-x4', 2)).toBe(true);
    expect(Upscaler.supports('realesr-animevideov3-x4', 3)).toBe(false);
    expect(Upscaler.supports('isnet-imgly-medium', 2)).toBe(false);
  });
});
