import { describe, expect, it } from 'vitest';
import { TOOLS } from '@atelier/contracts';
import { ModelRegistry } from '@atelier/models';
import { InferenceEngine } from '../runtime/engine';
import { LruMap } from '../runtime/lru';
import { createSessionFactory } from '../runtime/providers';
import { SessionCache } from '../runtime/session-cache';
import { MemoryGallery } from '../services/gallery.fake';
import { TOOL_RUNNERS, modelRunners } from '.';

// Every manifest switched on, as an operator could: building adapters loads nothing.
const engine = new InferenceEngine({
  registry: await ModelRegistry.load(),
  sessions: new SessionCache(createSessionFactory({ providers: ['cpu'] }), 1e9),
  enabledSpec: ['+whitebox-cartoonizer', '+fast-neural-style-nc16'],
});
const deps = { gallery: new MemoryGallery({}), styleVectors: new LruMap<string, Float32Array>(1) };

describe('a runner for every enabled remix model, by the tool its manifest names', () => {
  it('has a runner for every tool, and one for each enabled model but the safety classifier', () => {
    expect(Object.keys(TOOL_RUNNERS).sort()).toEqual([...TOOLS].sort());
    const runners = modelRunners(engine.models, deps);
    expect([...runners.keys()].sort()).toEqual([
      'fast-neural-style-nc16',
      'isnet-imgly-medium',
      'magenta-arbitrary-style',
      'realesr-animevideov3-x4',
      'upscalerjs-esrgan-slim',
      'whitebox-cartoonizer',
    ]);
    expect(runners.get('isnet-imgly-medium')!.manifest.tool).toBe('cutout');
  });

  it('refuses to start a worker when an enabled manifest names a tool it has no runner for', () => {
    const { cutout: _none, ...withoutCutout } = TOOL_RUNNERS;
    expect(() => modelRunners(engine.models, deps, withoutCutout)).toThrow(/no runner for the tool of: isnet-imgly-medium \(cutout\)/);
  });
});
