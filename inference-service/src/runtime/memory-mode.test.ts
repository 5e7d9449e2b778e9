import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '@atelier/models';
import { keepsArena, manifestForMode, parseMemoryMode } from './memory-mode';

describe('INFERENCE_MEMORY_MODE', () => {
  it('is fast unless set, and refuses an unknown mode', () => {
    expect(parseMemoryMode(undefined)).toBe('fast');
    expect(parseMemoryMode(' LOW ')).toBe('low');
    expect(() => parseMemoryMode('tiny')).toThrow(/fast, low/);
  });

  it('keeps the manifest’s arena choice in fast mode and drops every arena in low mode', () => {
    expect(keepsArena(undefined, 'fast')).toBe(true);
    expect(keepsArena({ cpuMemArena: false }, 'fast')).toBe(false);
    expect(keepsArena({}, 'low')).toBe(false);
    const m = { id: 'x', runtime: { note: 'n' } } as unknown as ModelManifest;
    expect(manifestForMode(m, 'fast')).toBe(m);
    expect(manifestForMode(m, 'low').runtime).toEqual({ note: 'n', cpuMemArena: false });
    const off = { id: 'y', runtime: { cpuMemArena: false } } as unknown as ModelManifest;
    expect(manifestForMode(off, 'low')).toBe(off);
  });
});
