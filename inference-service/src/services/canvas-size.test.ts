import { describe, expect, it } from 'vitest';
import { HttpError } from '@atelier/common/errors';
import { ModelRegistry } from '@atelier/models';
import { checkCanvasSize } from './canvas-size';

const manifests = new Map((await ModelRegistry.load()).list().map((m) => [m.id, m]));
const magenta = manifests.get('magenta-arbitrary-style')!;
const isnet = manifests.get('isnet-imgly-medium')!;

describe('checkCanvasSize', () => {
  it('400 canvas_too_small under the manifest minSide, saying what is needed', () => {
    const err = (() => {
      try {
        checkCanvasSize(magenta, { styleWorkId: 'w', strength: 0.5 }, { width: 1, height: 1 });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ statusCode: 400, code: 'canvas_too_small', details: { minSide: 8, width: 1, height: 1 } });
    expect((err as Error).message).toMatch(/at least 8 pixels/);
  });

  it('passes a canvas at the minimum, and any canvas a model resizes itself', () => {
    expect(() => checkCanvasSize(magenta, { styleWorkId: 'w', strength: 0.5 }, { width: 8, height: 8 })).not.toThrow();
    expect(() => checkCanvasSize(isnet, { source: 'canvas' }, { width: 1, height: 1 })).not.toThrow();
  });

  it('ignores the canvas when the tool works on a collection work', () => {
    const tinyMin = { ...isnet, preprocessing: { ...isnet.preprocessing, minSide: 64 } };
    expect(() => checkCanvasSize(tinyMin, { source: 'work', workId: 'w' }, { width: 1, height: 1 })).not.toThrow();
    expect(() => checkCanvasSize(tinyMin, { source: 'canvas' }, { width: 1, height: 1 })).toThrow(HttpError);
  });
});
