import { describe, expect, it } from 'vitest';
import { fitCamera, MAX_ZOOM, panBy, toDocument, viewportFor, zoomAt } from './camera';
import { layerName } from './layer-names';
import { translate } from '../../i18n';

const doc = { width: 1000, height: 500 };
const view = { width: 500, height: 500 };

describe('camera', () => {
  it('fits the whole document, centred', () => {
    expect(fitCamera(doc, view)).toEqual({ zoom: 0.5, x: 0, y: 125 });
  });

  it('zooms about a point, keeping the document point under it', () => {
    const c = fitCamera(doc, view);
    const at = { x: 200, y: 300 };
    const before = toDocument(c, at);
    const z = zoomAt(c, 2, at, doc, view);
    expect(z.zoom).toBe(1);
    expect(toDocument(z, at)).toEqual(before);
    expect(zoomAt(c, 1000, at, doc, view).zoom).toBe(MAX_ZOOM);
    expect(zoomAt(c, 0.0001, at, doc, view).zoom).toBeCloseTo(0.125);
    expect(panBy(c, 10, -5)).toEqual({ zoom: 0.5, x: 10, y: 120 });
  });

  it('shapes the viewport like the document, within the room there is', () => {
    expect(viewportFor({ width: 1024, height: 1024 }, { width: 390, height: 500 })).toEqual({ width: 390, height: 390 });
    expect(viewportFor({ width: 4096, height: 2048 }, { width: 800, height: 520 })).toEqual({ width: 800, height: 400 });
  });
});

describe('layer names', () => {
  const titles: Record<string, Record<string, string>> = { en: { h: 'The Harvesters' }, nl: { h: 'De oogsters' } };
  const name = (lang: 'en' | 'nl', layer: Parameters<typeof layerName>[0]) =>
    layerName(layer, (id) => titles[lang]![id], (k, v) => translate(lang, k, v));
  const cutout = { id: 'r', kind: 'remix' as const, remixId: 'x', x: 0, y: 0, width: 1, height: 1, tool: 'cutout' as const, subjectWorkId: 'h' };

  it("says what a result is, in the visitor's language, from what the layer records", () => {
    expect(name('en', cutout)).toBe('Cut-out of The Harvesters');
    expect(name('nl', cutout)).toBe('Uitsnede van De oogsters');
    expect(name('en', { ...cutout, tool: 'upscale', subjectWorkId: undefined })).toBe('Enlarged the canvas');
    expect(name('nl', { id: 't', kind: 'text', text: 'Hoi', font: 'sans', size: 9, color: '#000', x: 0, y: 0, scale: 1, rotation: 0 })).toBe('Tekst: “Hoi”');
    expect(name('en', { ...cutout, tool: undefined })).toBe('Remix');
  });
});
