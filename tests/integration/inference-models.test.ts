/**
 * Every real model in MODEL_DIR (or ../shared/models) through the worker's remix processor, the adapters
 * and the session cache, on small inputs: output sizes, alpha, value sanity, the safety report, and a
 * 2048² tiled stylize with no visible seam. Skipped with a message when the model folder is absent.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { MemoryStorage } from '@atelier/common/storage.fake';
import type { ToolParams } from '@atelier/contracts';
import { ModelRegistry, REPO_ROOT } from '@atelier/models';
import type { RemixJobData } from '@atelier/inference-service/jobs/remix.job';
import { createRemixProcessor } from '@atelier/inference-service/processors/remix.processor';
import { InferenceEngine } from '@atelier/inference-service/runtime/engine';
import { LruMap } from '@atelier/inference-service/runtime/lru';
import type { Upscaler } from '@atelier/inference-service/runtime/models/upscale';
import { createSessionFactory } from '@atelier/inference-service/runtime/providers';
import { SessionCache } from '@atelier/inference-service/runtime/session-cache';
import { MemoryGallery } from '@atelier/inference-service/services/gallery.fake';
import { modelRunners } from '@atelier/inference-service/tools/index';

const MODEL_DIR = process.env.MODEL_DIR ? resolve(process.env.MODEL_DIR) : resolve(REPO_ROOT, '../shared/models');
const SAMPLES = resolve(REPO_ROOT, '../shared/collection-sample/images');
const READY = ['isnet-imgly-medium/model.onnx', 'upscalerjs-esrgan-slim/x2.onnx', 'nsfwjs-mobilenet-v2/model.onnx', 'magenta-arbitrary-style/style_transfer.onnx']
  .every((f) => existsSync(join(MODEL_DIR, f))) && existsSync(SAMPLES);
if (!READY) console.warn(`inference-models: skipped, no real models in ${MODEL_DIR} or no samples in ${SAMPLES}`);

describe.skipIf(!READY)('real models through the remix processor', () => {
  let engine: InferenceEngine;
  let storage: MemoryStorage;
  let process: ReturnType<typeof createRemixProcessor>;
  let painting: Buffer;
  let n = 0;

  beforeAll(async () => {
    const registry = await ModelRegistry.load({ modelDir: MODEL_DIR });
    const sessions = new SessionCache(createSessionFactory({ providers: ['cpu'] }), 2 ** 30);
    // The two models that are off by default (non-commercial; no licence stated), switched on as an operator would.
    engine = new InferenceEngine({ registry, sessions, enabledSpec: ['+whitebox-cartoonizer', '+fast-neural-style-nc16'] });
    painting = await sharp(await readFile(join(SAMPLES, 'caillebotte_paris-street-rainy-day_1877.jpg'))).resize(384).webp().toBuffer();
    const style = await sharp(await readFile(join(SAMPLES, 'hokusai_the-great-wave-off-kanagawa.jpg'))).resize(512).webp().toBuffer();
    const gallery = new MemoryGallery({ street: 'ok', wave: 'ok' }, painting);
    gallery.workImage = async (id: string) => (id === 'wave' ? style : painting);
    storage = new MemoryStorage();
    // As worker.ts composes it: the engine's adapters (built from the manifests), their tools' runners, the screen.
    process = createRemixProcessor({ storage, models: modelRunners(engine.models, { gallery, styleVectors: new LruMap(8) }), safety: engine.safety });
    const report = await engine.warmUp();
    expect(report.failed).toEqual([]);
    expect(report.warmed).toContain('whitebox-cartoonizer');
    expect(report.warmed).toContain('fast-neural-style-nc16');
  }, 120_000);

  async function remix(model: string, params: ToolParams, canvas: Buffer) {
    const id = `r${++n}`;
    await storage.put(`inputs/${id}.png`, canvas);
    const tool = engine.models.find((m) => m.manifest.id === model)!.tool;
    const data: RemixJobData = { remixId: id, model, tool, params, workIds: [], inputKey: `inputs/${id}.png`, inputSha256: 'x' };
    const t = performance.now();
    const result = await process({ data, updateProgress: async () => {} });
    console.log(`${model} ${JSON.stringify(params)}: ${Math.round(performance.now() - t)} ms → ${result.output.width}×${result.output.height}`);
    const png = storage.objects.get(result.output.key)!;
    return { result, png, raw: await sharp(png).raw().toBuffer({ resolveWithObject: true }) };
  }

  const canvasPng = () => sharp(painting).resize(300, 200, { fit: 'fill' }).png().toBuffer();

  it('cuts the subject out of the canvas: RGBA at the canvas size, partly transparent, partly opaque', async () => {
    const { result, raw } = await remix('isnet-imgly-medium', { source: 'canvas' }, await canvasPng());
    expect([raw.info.width, raw.info.height, raw.info.channels]).toEqual([300, 200, 4]);
    let clear = 0;
    let solid = 0;
    for (let i = 3; i < raw.data.length; i += 4) raw.data[i] === 0 ? clear++ : raw.data[i] === 255 && solid++;
    expect(clear / 60_000).toBeGreaterThan(0.2);
    expect(solid / 60_000).toBeGreaterThan(0.05);
    expect(result.safety).toMatchObject({ screened: true, flagged: false });
    expect(Object.keys(result.safety!.scores)).toEqual(['input', 'output']);
  });

  it('cuts out a collection work at its own size and does not screen it', async () => {
    const { result } = await remix('isnet-imgly-medium', { source: 'work', workId: 'street' }, await canvasPng());
    const meta = await sharp(painting).metadata();
    expect([result.output.width, result.output.height]).toEqual([meta.width, meta.height]);
    expect(result.safety).toMatchObject({ screened: false, flagged: false, scores: {} });
  });

  it('upscales photos ×2 and ×4 and drawings ×4 (×2 via ×4 + downscale), colours kept', async () => {
    const small = await sharp(painting).resize(96, 64, { fit: 'fill' }).png().toBuffer();
    const mean = async (png: Buffer) => (await sharp(png).removeAlpha().stats()).channels.map((c) => c.mean);
    const before = await mean(small);
    for (const [model, scale] of [['upscalerjs-esrgan-slim', 2], ['upscalerjs-esrgan-slim', 4], ['realesr-animevideov3-x4', 4], ['realesr-animevideov3-x4', 2]] as const) {
      const { result, png } = await remix(model, { source: 'canvas', scale }, small);
      expect([result.output.width, result.output.height]).toEqual([96 * scale, 64 * scale]);
      (await mean(png)).forEach((m, c) => expect(Math.abs(m - before[c]!)).toBeLessThan(8));
    }
  });

  it('tiles a large upscale input (its manifest’s 544² tiles) close to the untiled result, with no seam', async () => {
    const big = await sharp(painting).resize(600, 400, { fit: 'fill' }).png().toBuffer();
    const { result, raw } = await remix('upscalerjs-esrgan-slim', { source: 'canvas', scale: 2 }, big);
    expect([result.output.width, result.output.height]).toEqual([1200, 800]);
    const upscaler = engine.models.find((m) => m.manifest.id === 'upscalerjs-esrgan-slim')!.adapter as Upscaler;
    const whole = await upscaler.upscale(big, 2, { tiling: { tile: 4096, overlap: 16 } });
    const untiled = await sharp(whole.png).raw().toBuffer();
    const meanDiff = raw.data.reduce((s, v, i) => s + Math.abs(v - untiled[i]!), 0) / raw.data.length;
    expect(meanDiff).toBeLessThan(1); // on 0..255
    // 544² tiles on a 600-wide input start at 0 and 56: the overlap is 56..544, its unweighted margins end at
    // 64 and start at 536 (×2 in the output). Natural edges may sit on those columns too: compare with the
    // same columns of the untiled output.
    const seams = [112, 128, 1072, 1088];
    const tiled = seamRatio(raw.data, 1200, 800, raw.info.channels, seams);
    const reference = seamRatio(untiled, 1200, 800, raw.info.channels, seams);
    console.log('upscale seam ratio tiled', tiled.toFixed(2), 'untiled', reference.toFixed(2));
    expect(tiled).toBeLessThan(reference * 1.15 + 0.1);
  });

  it('cartoonizes a canvas at its size rounded to a multiple of 4', async () => {
    const { result, raw } = await remix('whitebox-cartoonizer', {}, await canvasPng());
    expect([result.output.width, result.output.height]).toEqual([300, 200]);
    const stats = await sharp(raw.data, { raw: raw.info }).stats();
    expect(stats.channels.every((c) => c.stdev > 10)).toBe(true);
  });

  it('paints a canvas in a fixed style at the canvas size, keeps its transparency, and screens it', async () => {
    const opaque = await sharp(painting).resize(300, 200, { fit: 'fill' }).ensureAlpha().raw().toBuffer();
    for (let y = 0; y < 200; y++) for (let x = 0; x < 40; x++) opaque[(y * 300 + x) * 4 + 3] = 0; // a transparent strip
    const canvas = await sharp(opaque, { raw: { width: 300, height: 200, channels: 4 } }).png().toBuffer();
    const before = await sharp(canvas).removeAlpha().raw().toBuffer();
    const { result, raw } = await remix('fast-neural-style-nc16', { style: 'mosaic' }, canvas);
    expect(result.model.id).toBe('fast-neural-style-nc16');
    expect([result.output.width, result.output.height]).toEqual([300, 200]);
    expect([raw.info.width, raw.info.height, raw.info.channels]).toEqual([300, 200, 4]);
    expect(raw.data[3]).toBe(0); // the strip is still transparent
    expect(raw.data[(100 * 300 + 200) * 4 + 3]).toBe(255);
    // Stylised, not passed through: far from the canvas on average, yet a picture with texture, not a flat fill.
    let diff = 0;
    for (let i = 0, j = 0; i < raw.data.length; i += 4, j += 3) for (let c = 0; c < 3; c++) diff += Math.abs(raw.data[i + c]! - before[j + c]!);
    expect(diff / (300 * 200 * 3)).toBeGreaterThan(10);
    const stats = await sharp(raw.data, { raw: raw.info }).removeAlpha().stats();
    expect(stats.channels.every((c) => c.stdev > 10)).toBe(true);
    expect(result.safety).toMatchObject({ screened: true });
    expect(Object.keys(result.safety!.scores)).toEqual(['input', 'output']);
  });

  it('mixes two works’ styles: the mix differs from either style alone', async () => {
    const canvas = await canvasPng();
    const a = (await remix('magenta-arbitrary-style', { styleWorkId: 'street', strength: 1 }, canvas)).raw.data;
    const b = (await remix('magenta-arbitrary-style', { styleWorkId: 'wave', strength: 1 }, canvas)).raw.data;
    const mix = (await remix('magenta-arbitrary-style', { styleWorkId: 'street', strength: 1, mixWorkId: 'wave', mixWeight: 0.5 }, canvas)).raw.data;
    const dist = (x: Buffer, y: Buffer) => x.reduce((s, v, i) => s + Math.abs(v - y[i]!), 0) / x.length;
    expect(dist(mix, a)).toBeGreaterThan(2);
    expect(dist(mix, b)).toBeGreaterThan(2);
    expect(dist(mix, a) + dist(mix, b)).toBeLessThan(1.5 * dist(a, b) + 5);
  });

  it('stylizes a 2048² canvas in tiles with no visible seam', async () => {
    const canvas = await sharp(painting).resize(2048, 2048, { fit: 'fill' }).png().toBuffer();
    const { result, raw } = await remix('magenta-arbitrary-style', { styleWorkId: 'wave', strength: 0.8 }, canvas);
    expect([result.output.width, result.output.height]).toEqual([2048, 2048]);
    // Tiles of 1088 (the manifest's) start at 0 and 960: the overlap is 960..1088; check both tile edges.
    expect(engine.models.find((m) => m.manifest.id === 'magenta-arbitrary-style')!.manifest.preprocessing.tile?.size).toBe(1088);
    expect(seamRatio(raw.data, 2048, 2048, raw.info.channels, [960, 1088])).toBeLessThan(1.6);
    console.log('memory after every model:', engine.memory());
  }, 120_000);
});

/**
 * Horizontal gradient at the given columns divided by the mean gradient of the 32 columns around each:
 * about 1 where there is no seam; a hard tile edge shows up as a spike.
 */
function seamRatio(data: Buffer, width: number, height: number, channels: number, columns: number[]): number {
  const grad = (x: number) => {
    let s = 0;
    for (let y = 0; y < height; y++) for (let c = 0; c < 3; c++) s += Math.abs(data[(y * width + x) * channels + c]! - data[(y * width + x - 1) * channels + c]!);
    return s / (height * 3);
  };
  const ratio = (x: number) => {
    let around = 0;
    for (let d = 4; d <= 16; d++) around += grad(x - d) + grad(x + d);
    return Math.max(grad(x), grad(x + 1)) / (around / 26);
  };
  return Math.max(...columns.map(ratio));
}
