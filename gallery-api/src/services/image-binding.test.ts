import { sha256Hex } from '@atelier/common/hash';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HttpError } from '@atelier/common/errors';
import type { CanvasDocument } from '@atelier/contracts/canvas.schema';
import { createCanvasImages, STUDIO_REGION_SIZE } from './canvas-images';
import type { RenderPlan } from './canvas-render';
import { remixOf } from './creation.fakes';
import {
  COMPARE_CELLS,
  compareImages,
  ImageBinding,
  MAX_MEAN_DISTANCE,
  MAX_WINDOW_DISTANCE,
  withinTolerance,
  worksNotShown,
  type CanvasImages,
  type CanvasPainter,
  type RgbImage,
} from './image-binding';
import { workOf } from './work.fakes';

/** A picture of one colour, with an optional rectangle of another. */
function picture(width: number, height: number, bg: number[], rect?: { x: number; y: number; w: number; h: number; rgb: number[] }): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inside = rect && x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h;
      data.set(inside ? rect.rgb : bg, (y * width + x) * 3);
    }
  return { width, height, data };
}

const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];

describe('compareImages', () => {
  it('scores the same picture 0 and black against white 1', () => {
    expect(compareImages(picture(64, 48, WHITE), picture(64, 48, WHITE))).toEqual({ mean: 0, worst: 0 });
    const s = compareImages(picture(64, 48, WHITE), picture(64, 48, BLACK));
    expect(s.mean).toBeCloseTo(1, 6);
    expect(s.worst).toBeCloseTo(1, 6);
  });

  it('sees a change confined to one part of the picture in `worst`, even when the mean hardly moves', () => {
    // An eighth of the long side, painted black: 1/64 of the area.
    const s = compareImages(picture(256, 256, WHITE), picture(256, 256, WHITE, { x: 96, y: 96, w: 32, h: 32, rgb: BLACK }));
    expect(s.mean).toBeLessThan(MAX_MEAN_DISTANCE);
    expect(s.worst).toBeGreaterThan(MAX_WINDOW_DISTANCE);
    expect(withinTolerance(s)).toBe(false);
  });

  it('forgives what resampling does: a one-pixel shift of an edge, a slight colour change', () => {
    const ours = picture(256, 256, WHITE, { x: 64, y: 64, w: 100, h: 100, rgb: [120, 60, 30] });
    const theirs = picture(256, 256, [250, 250, 250], { x: 65, y: 63, w: 100, h: 101, rgb: [124, 58, 33] });
    const s = compareImages(ours, theirs);
    expect(withinTolerance(s)).toBe(true);
    expect(s.worst).toBeLessThan(MAX_WINDOW_DISTANCE / 2);
  });

  it('forgives text drawn in another face, not a picture painted over in the ink colour', () => {
    const ink: [number, number, number] = [30, 50, 90];
    const texts = [{ layerId: 't', corners: [[0, 0], [256, 0], [0, 128], [256, 128]] as [number, number][], ink, opacity: 1 }];
    const background = picture(256, 256, WHITE);
    // Letters as thin strokes: the visitor's face is wider and sits lower, so they cover other cells of the text's area.
    const letters = (x0: number, x1: number, y0: number, step: number) => {
      const img = picture(256, 256, WHITE);
      for (let y = y0; y < y0 + 40; y++) for (let x = x0; x < x1; x += step) img.data.set([...ink, ...ink], (y * 256 + x) * 3);
      return img;
    };
    const ours = letters(40, 100, 40, 7);
    const wider = letters(44, 140, 46, 8);
    expect(compareImages(ours, wider).worst).toBeGreaterThan(MAX_WINDOW_DISTANCE / 2);
    expect(compareImages(ours, wider, { background, texts }).worst).toBeLessThan(MAX_WINDOW_DISTANCE / 2);
    // All ink: far more than the letters could cover anywhere.
    const painted = picture(256, 256, WHITE, { x: 0, y: 0, w: 256, h: 128, rgb: ink });
    expect(withinTolerance(compareImages(ours, painted, { background, texts }))).toBe(false);
    // Outside the text's area nothing is forgiven.
    const below = picture(256, 256, WHITE, { x: 40, y: 160, w: 60, h: 40, rgb: ink });
    expect(compareImages(background, below, { background, texts }).worst).toBeGreaterThan(MAX_WINDOW_DISTANCE);
  });

  it('measures tiny pictures (a cell per pixel) and refuses pictures of different sizes', () => {
    expect(compareImages(picture(3, 2, WHITE), picture(3, 2, WHITE)).worst).toBe(0);
    expect(COMPARE_CELLS).toBeGreaterThan(3);
    expect(() => compareImages(picture(3, 2, WHITE), picture(2, 3, WHITE))).toThrow(/cannot compare/);
  });
});

const REMIX = '11111111-1111-4111-8111-111111111111';
const doc: CanvasDocument = {
  schemaVersion: 2,
  width: 512,
  height: 512,
  layers: [
    { id: 'w', kind: 'work', workId: 'a', x: 0, y: 0, scale: 1, rotation: 0 },
    { id: 'r', kind: 'remix', remixId: REMIX, x: 0, y: 0, width: 10, height: 10 },
  ],
};

/** A painter that paints every plan white (and remembers it), and samples uploads as one colour given per test. */
function fakePainter(upload: number[]): CanvasPainter & { plans: RenderPlan[] } {
  const plans: RenderPlan[] = [];
  return {
    plans,
    measure: async (bytes) => {
      if (bytes[0] === 0) throw new Error('not an image');
      return { width: 100, height: 50, opaque: false };
    },
    paint: async (plan) => {
      plans.push(plan);
      return picture(plan.width, plan.height, WHITE);
    },
    sample: async (_png, width, height) => picture(width, height, upload),
  };
}

const images = (over: Partial<CanvasImages> = {}): CanvasImages & { asked: unknown[] } => {
  const asked: unknown[] = [];
  return {
    asked,
    workImage: async (l) => (asked.push(['work', l.id]), new Uint8Array([1])),
    remixOutput: async (r, visitor, code) => (asked.push(['remix', r.id, visitor, code]), new Uint8Array([2])),
    ...over,
  };
};

const reject = async (p: Promise<unknown>) => p.then(() => expect.fail('expected a refusal'), (e: HttpError) => e);

describe('ImageBinding.check', () => {
  it('draws the document from its layer images and answers the scores of a matching upload', async () => {
    const painter = fakePainter(WHITE);
    const imgs = images();
    const score = await new ImageBinding({ images: imgs, painter }).check({ document: doc, upload: new Uint8Array([9]), remixes: [remixOf(REMIX)], visitor: 'v', draftCode: 'CODE' });
    expect(score).toMatchObject({ mean: 0, worst: 0 });
    expect(imgs.asked).toEqual([['work', 'w'], ['remix', REMIX, 'v', 'CODE']]);
    expect(painter.plans[0]!.paints.map((p) => [p.layerId, p.kind])).toEqual([['w', 'image'], ['r', 'image']]);
  });

  it('refuses an upload that differs beyond the tolerance: 422 image_mismatch with its scores', async () => {
    const err = await reject(new ImageBinding({ images: images(), painter: fakePainter([180, 83, 58]) }).check({ document: doc, upload: new Uint8Array([9]), remixes: [remixOf(REMIX)], visitor: 'v' }));
    expect(err).toMatchObject({ statusCode: 422, code: 'image_mismatch', details: { maxMean: MAX_MEAN_DISTANCE, maxWorst: MAX_WINDOW_DISTANCE } });
    expect((err.details as { mean: number }).mean).toBeGreaterThan(0.3);
  });

  it('refuses a document it cannot draw (an image not stored, a remix output gone, bytes that are no image): 422 canvas_unrenderable', async () => {
    const none = images({ workImage: async () => null, remixOutput: async () => new Uint8Array([0]) });
    const err = await reject(new ImageBinding({ images: none, painter: fakePainter(WHITE) }).check({ document: doc, upload: new Uint8Array([9]), remixes: [remixOf(REMIX)], visitor: 'v' }));
    expect(err).toMatchObject({ statusCode: 422, code: 'canvas_unrenderable', details: { layerIds: ['w', 'r'] } });
  });

  it('does not draw hidden layers, so it needs no image for them', async () => {
    const shown = doc.layers[0] as Extract<CanvasDocument['layers'][number], { kind: 'work' }>;
    const hidden: CanvasDocument = { ...doc, layers: [{ ...shown, id: 'hidden', visible: false }, shown] };
    const none = images({ workImage: async (l) => (l.id === 'hidden' ? null : new Uint8Array([1])) });
    const result = await new ImageBinding({ images: none, painter: fakePainter(WHITE) }).check({ document: hidden, upload: new Uint8Array([9]), remixes: [], visitor: 'v' });
    expect(result).toMatchObject({ mean: 0, worst: 0 });
    expect(result.placed).toHaveLength(1);
  });

  it('answers the sha256 of each distinct work image it drew, once per work and detail, never a remix output', async () => {
    const webp = new Uint8Array([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP'), 1, 2]);
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 7]);
    const shown = doc.layers[0] as Extract<CanvasDocument['layers'][number], { kind: 'work' }>;
    const region = { x: 10, y: 20, w: 30, h: 40 };
    const layers: CanvasDocument = {
      ...doc,
      layers: [shown, { ...shown, id: 'again', x: 5 }, { ...shown, id: 'detail', region }, doc.layers[1]!],
    };
    const files = images({ workImage: async (l) => (l.region ? jpeg : webp) });
    const { placed } = await new ImageBinding({ images: files, painter: fakePainter(WHITE) }).check({ document: layers, upload: new Uint8Array([9]), remixes: [remixOf(REMIX)], visitor: 'v' });
    expect(placed).toEqual([
      { workId: shown.workId, sha256: sha256Hex(webp), mediaType: 'image/webp', width: expect.any(Number), height: expect.any(Number) },
      { workId: shown.workId, sha256: sha256Hex(jpeg), mediaType: 'image/jpeg', width: expect.any(Number), height: expect.any(Number), region },
    ]);
  });
});

describe('worksNotShown', () => {
  const work = (id: string, workId: string, over: object = {}) => ({ id, kind: 'work' as const, workId, x: 0, y: 0, scale: 1, rotation: 0, ...over });
  const d = (...layers: CanvasDocument['layers']): CanvasDocument => ({ schemaVersion: 2, width: 100, height: 100, layers });

  it('names the works whose only layers draw nothing', () => {
    expect(worksNotShown(d(work('a', 'harvesters'), work('b', 'wave')), [], new Set(['a']))).toEqual(['wave']);
    expect(worksNotShown(d(work('a', 'harvesters'), work('b', 'harvesters')), [], new Set(['b']))).toEqual([]);
  });

  it("counts a work as shown when a drawn remix layer was made from it (a hidden work beside its cut-out)", () => {
    const cut = remixOf(REMIX, { tool: 'cutout', workIds: ['harvesters'], params: {} });
    const layers = d(work('a', 'harvesters', { visible: false }), { id: 'r', kind: 'remix', remixId: REMIX, x: 0, y: 0, width: 10, height: 10 });
    expect(worksNotShown(layers, [cut], new Set(['r']))).toEqual([]);
    expect(worksNotShown(layers, [cut], new Set())).toEqual(['harvesters']);
  });
});

describe('ImageBinding refuses a document whose story the picture cannot show', () => {
  const check = (document: CanvasDocument) =>
    reject(new ImageBinding({ images: images(), painter: fakePainter(WHITE) }).check({ document, upload: new Uint8Array([9]), remixes: [], visitor: 'v' }));
  const harvesters = (over: object) => ({ schemaVersion: 2 as const, width: 512, height: 512, layers: [{ id: 'w', kind: 'work' as const, workId: 'harvesters', x: 0, y: 0, scale: 1, rotation: 0, ...over }] });

  it('422 work_not_shown for The Harvesters hidden, transparent, of no size or outside the canvas, over a blank picture', async () => {
    for (const over of [{ visible: false }, { opacity: 0 }, { scale: 0 }, { x: 5000 }, { x: -300, rotation: 180 }])
      expect(await check(harvesters(over))).toMatchObject({ statusCode: 422, code: 'work_not_shown', details: { workIds: ['harvesters'] } });
  });

  it('422 canvas_unrenderable for a layer scaled far beyond the canvas', async () => {
    expect(await check(harvesters({ scale: 1e6 }))).toMatchObject({ statusCode: 422, code: 'canvas_unrenderable', details: { layerIds: ['w'] } });
  });
});

describe('createCanvasImages', () => {
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const work = workOf('a', 'cc0', { imageKeys: { working: 'works/a/working.webp' } });
  const stored = new Map([['works/a/working.webp', Buffer.from('working')]]);
  const regionsAsked: unknown[] = [];
  const src = {
    works: { findById: async (id: string) => (id === 'a' ? work : id === 'refused' ? workOf('refused', 'refused') : null) },
    storage: { exists: async (k: string) => stored.has(k), get: async (k: string) => stored.get(k)! },
    regions: { region: async (id: string, r: unknown, size: number) => (regionsAsked.push([id, r, size]), { bytes: Buffer.from('detail') }) },
    remixOutput: async (id: string, visitor: string) => (visitor === 'owner' ? Buffer.from(`out-${id}`) : null),
    draftRemixOutput: async (code: string, id: string) => (code === 'CODE' ? Buffer.from(`out-${id}`) : null),
  };
  const canvas = createCanvasImages(src);
  const layer = { id: 'w', kind: 'work' as const, workId: 'a', x: 0, y: 0, scale: 1, rotation: 0 };

  it("reads a work's working rendition, or its detail at the size the studio asks", async () => {
    expect(Buffer.from((await canvas.workImage(layer))!).toString()).toBe('working');
    const region = { x: 1, y: 2, w: 3, h: 4 };
    expect(Buffer.from((await canvas.workImage({ ...layer, region }))!).toString()).toBe('detail');
    expect(regionsAsked).toEqual([['a', region, STUDIO_REGION_SIZE]]);
    expect(await canvas.workImage({ ...layer, workId: 'refused' })).toBeNull();
    expect(await canvas.workImage({ ...layer, workId: 'ghost' })).toBeNull();
  });

  it("reads a remix's output on the visitor's behalf, else the draft's copy, and only bytes that match its sha256", async () => {
    const out = Buffer.from(`out-${REMIX}`);
    const remix = remixOf(REMIX, { output: { url: '/x', sha256: sha(out), width: 1, height: 1 } });
    expect(await canvas.remixOutput(remix, 'owner')).toEqual(out);
    expect(await canvas.remixOutput(remix, 'stranger')).toBeNull();
    expect(await canvas.remixOutput(remix, 'stranger', 'CODE')).toEqual(out);
    expect(await canvas.remixOutput(remixOf(REMIX), 'owner')).toBeNull(); // sha256 'c…c' matches nothing
  });
});
