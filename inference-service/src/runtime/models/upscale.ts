import sharp from 'sharp';
import { NO_TIMER, type Timer } from '../phase-timer';
import type { ModelRunner } from '../runner';
import { capSize, chwToRgb, decodeImage, encodePng, resizePlane, resizeRgb, rgbToChw, type DecodedImage, type ImageSource } from '../pixels';
import { runTiled, type TileOptions } from '../tiling';
import { blankTile, imageModelTile } from './image-model';

export const PHOTO_UPSCALE_MODEL_ID = 'upscalerjs-esrgan-slim';
export const DRAWING_UPSCALE_MODEL_ID = 'realesr-animevideov3-x4';
/** No output side beyond this: a 4096² RGBA PNG is the most the studio and the gallery handle. */
export const MAX_OUTPUT_SIDE = 4096;

interface Variant {
  modelId: string;
  file: string;
  /** What the network itself does; a ×2 request on a ×4-only network is downscaled afterwards. */
  netScale: 2 | 4;
  /** Input value range: 0..255 (esrgan-slim) or 0..1 (Real-ESRGAN), per MODEL.md. */
  inputScale: number;
  /**
   * Pad a smaller image up to one full tile (`fixed` in tiling.ts). Pays only for ×2 without the arena: a 512²
   * run took 750 ms at its own shape, 555 ms padded to the planned 576²; ×4 (1.3 s vs 1.6 s) and Real-ESRGAN
   * (keeps its arena: 1.3 s vs 1.7 s) were faster unpadded in `npm run bench:inference`.
   */
  padToTile: boolean;
  /**
   * As its manifest's `runtime.cpuMemArena: false` says: the session keeps the memory plan of its first shape
   * only, so warm-up runs one full tile. Real-ESRGAN keeps its arena and warms up small (2.3 s less at start).
   */
  arenaFree: boolean;
}

const VARIANTS: Record<string, Partial<Record<2 | 4, Variant>>> = {
  [PHOTO_UPSCALE_MODEL_ID]: {
    2: { modelId: PHOTO_UPSCALE_MODEL_ID, file: 'x2.onnx', netScale: 2, inputScale: 1, padToTile: true, arenaFree: true },
    4: { modelId: PHOTO_UPSCALE_MODEL_ID, file: 'x4.onnx', netScale: 4, inputScale: 1, padToTile: false, arenaFree: true },
  },
  [DRAWING_UPSCALE_MODEL_ID]: {
    2: { modelId: DRAWING_UPSCALE_MODEL_ID, file: 'model.onnx', netScale: 4, inputScale: 1 / 255, padToTile: false, arenaFree: false },
    4: { modelId: DRAWING_UPSCALE_MODEL_ID, file: 'model.onnx', netScale: 4, inputScale: 1 / 255, padToTile: false, arenaFree: false },
  },
};

// Tiles of 576² keep a 512² canvas in one run and split 1024² into 2×2: with 256² tiles a 512² upscale ran
// nine tiles and took about 3× the untiled time on 2 cores, while one 576² tile stays far below the memory
// that made tiling necessary. A 3×3-conv stack sees a few pixels of zero padding at a tile edge; the margin
// keeps those out of the blend. Warm-up runs this exact tile, so the full tiles of a large image run on the
// memory plan of the first shape (ESRGAN-slim has no arena; tiling.ts `fixed` says why).
export const UPSCALE_TILE: TileOptions = { tile: 576, overlap: 64, margin: 8 };

export interface UpscaleOptions {
  /** The maximum input side; the default keeps the output ≤ MAX_OUTPUT_SIDE. */
  maxOutputSide?: number;
  tiling?: TileOptions;
  timer?: Timer;
}

/** Super-resolution ×2 / ×4 with tiled inference; a transparent input keeps its (resized) alpha. */
export class Upscaler {
  constructor(private readonly runner: ModelRunner) {}

  static supports(modelId: string, scale: number): boolean {
    return !!VARIANTS[modelId]?.[scale as 2 | 4];
  }

  async warmUp(modelId: string): Promise<void> {
    const files = new Map(Object.values(VARIANTS[modelId] ?? {}).map((v) => [v.file, v]));
    for (const v of files.values()) {
      const side = v.arenaFree ? UPSCALE_TILE.tile : 16;
      await imageModelTile(this.runner, v.modelId, v.file, { input: 'input', output: 'output' })(blankTile(3, side, side), side, side);
    }
  }

  async upscale(image: ImageSource, modelId: string, scale: 2 | 4, options: UpscaleOptions = {}): Promise<{ png: Buffer; width: number; height: number }> {
    const out = await this.render(image, modelId, scale, options);
    return encodePng(out.rgb, out.alpha ?? undefined);
  }

  /** `upscale` without the PNG encode. */
  async render(image: ImageSource, modelId: string, scale: 2 | 4, options: UpscaleOptions = {}): Promise<DecodedImage> {
    const v = VARIANTS[modelId]?.[scale];
    if (!v) throw new Error(`${modelId} cannot upscale ×${scale}`);
    const timer = options.timer ?? NO_TIMER;
    const decoded = await timer.time('decode', () => decodeImage(image));
    const src = { width: decoded.rgb.width, height: decoded.rgb.height };
    const inSize = capSize(src.width, src.height, Math.floor((options.maxOutputSide ?? MAX_OUTPUT_SIDE) / scale));
    const rgb = await timer.time('pre', () => resizeRgb(decoded.rgb, inSize));
    const chw = await timer.time('pre', () => rgbToChw(rgb, v.inputScale, 0));
    const tiled = await runTiled(
      chw,
      3,
      rgb.width,
      rgb.height,
      { fixed: v.padToTile, ...(options.tiling ?? UPSCALE_TILE), scale: v.netScale },
      imageModelTile(this.runner, v.modelId, v.file, { input: 'input', output: 'output' }, undefined, timer),
    );
    return timer.time('post', async () => {
      let out = chwToRgb(tiled.data, tiled.width, tiled.height, v.inputScale, 0);
      const target = { width: rgb.width * scale, height: rgb.height * scale };
      if (v.netScale !== scale) out = await resizeRgb(out, target);
      const alpha = decoded.alpha ? await resizePlane(decoded.alpha, src, target) : null;
      return { rgb: out, alpha };
    });
  }
}
