import { describe, expect, it } from 'vitest';
import { creationWorkUses, modelLicenceFlags, worksNamedBy } from './tools';

describe('worksNamedBy', () => {
  it('style: the style work and the mixed-in work lend their style', () => {
    expect(worksNamedBy('style', { styleWorkId: 'a', strength: 0.8, mixWorkId: 'b', mixWeight: 0.5 })).toEqual({ style: ['a', 'b'], composed: [] });
    expect(worksNamedBy('style', { styleWorkId: 'a', strength: 0.8, mixWorkId: 'a' })).toEqual({ style: ['a'], composed: [] });
  });

  it('cut-out and upscale of a work put that work itself into the output; of the canvas, nothing', () => {
    expect(worksNamedBy('cutout', { source: 'work', workId: 'w' })).toEqual({ style: [], composed: ['w'] });
    expect(worksNamedBy('upscale', { source: 'work', workId: 'w', scale: 4 })).toEqual({ style: [], composed: ['w'] });
    expect(worksNamedBy('upscale', { source: 'canvas', scale: 2 })).toEqual({ style: [], composed: [] });
  });

  it('cartoon and fixed styles name no work', () => {
    expect(worksNamedBy('cartoon', {})).toEqual({ style: [], composed: [] });
    expect(worksNamedBy('fixed-style', { style: 'candy' })).toEqual({ style: [], composed: [] });
  });
});

describe('creationWorkUses', () => {
  const doc = { layers: [{ id: '1', kind: 'work' as const, workId: 'canvas-work', x: 0, y: 0, scale: 1, rotation: 0 }] };

  it('credits a mixed-in style work (the studio once forgot it: BY-SA licences offered wrongly at publish)', () => {
    const uses = creationWorkUses(doc, [
      { tool: 'style', params: { styleWorkId: 'style-work', strength: 0.7, mixWorkId: 'mixed-work', mixWeight: 0.5 }, workIds: ['was-on-canvas'] },
    ]);
    expect(uses).toEqual({ composed: ['canvas-work', 'was-on-canvas'], style: ['style-work', 'mixed-work'] });
  });

  it('counts a work cut out by a remix as composed, once', () => {
    const uses = creationWorkUses(doc, [{ tool: 'cutout', params: { source: 'work', workId: 'canvas-work' }, workIds: ['canvas-work'] }]);
    expect(uses).toEqual({ composed: ['canvas-work'], style: [] });
  });
});

describe('modelLicenceFlags', () => {
  it('maps the manifest facts to the marks the studio shows', () => {
    expect(modelLicenceFlags({ nonCommercial: true, notStated: false })).toEqual(['non_commercial']);
    expect(modelLicenceFlags({ nonCommercial: false, notStated: true })).toEqual(['licence_not_stated']);
    expect(modelLicenceFlags({ nonCommercial: false, notStated: false })).toEqual([]);
  });
});
