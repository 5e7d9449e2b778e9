import sharp from 'sharp';
import type { ModelRunner } from '../runner';
import { capSize, chwToRgb, decodeAlpha, decodeRgb, encodePng, resizePlane, rgbToChw } from '../pixels';
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
}

const VARIANTS: Record<string, Partial<Record<2 | 4, Variant>>> = {
  [PHOTO_UPSCALE_MODEL_ID]: {
    2: { modelId: PHOTO_UPSCALE_MODEL_ID, file: 'x2.onnx', netScale: 2, inputScale: 1 },
    4: { modelId: PHOTO_UPSCALE_MODEL_ID, file: 'x4.onnx', netScale: 4, inputScale: 1 },
  },
  [DRAWING_UPSCALE_MODEL_ID]: {
    2: { modelId: DRAWING_UPSCALE_MODEL_ID, file: 'model.onnx', netScale: 4, inputScale: 1 / 255 },
    4: { modelId: DRAWING_UPSCALE_MODEL_ID, file: 'model.onnx', netScale: 4, inputScale: 1 / 255 },
  },
};

// Real-ESRGAN's manifest: 256² tiles with 16 px overlap. A 3×3-conv stack sees a few pixels of zero padding
// at a tile edge; the margin keeps those out of the blend.
export const UPSCALE_TILE: TileOptions = { tile: 256, overlap: 16, margin: 4 };

export interface UpscaleOptions {
  /** The maximum input side; the default keeps the output ≤ MAX_OUTPUT_SIDE. */
  maxOutputSide?: number;
  tiling?: TileOptions;
}

/** Super-resolution ×2 / ×4 with tiled inference; a transparent input keeps its (resized) alpha. */
export class Upscaler {
  constructor(private readonly runner: ModelRunner) {}

  static supports(modelId: string, scale: number): boolean {
    return !!VARIANTS[modelId]?.[scale as 2 | 4];
  }

  async warmUp(modelId: string): Promise<void> {
    for (const v of new Set(Object.values(VARIANTS[modelId] ?? {})))
      await imageModelTile(this.runner, v.modelId, v.file, { input: 'input', output: 'output' })(blankTile(3, 16, 16), 16, 16);
  }

  async upscale(image: Uint8Array, modelId: string, scale: 2 | 4, options: UpscaleOptions = {}): Promise<{ png: Buffer; width: number; height: number }> {
    const v = VARIANTS[modelId]?.[scale];
    if (!v) throw new Error(`${modelId} cannot upscale ×${scale}`);
    const meta = await sharp(image).metadata();
    const src = { width: meta.width ?? 1, height: meta.height ?? 1 };
    const inSize = capSize(src.width, src.height, Math.floor((options.maxOutputSide ?? MAX_OUTPUT_SIDE) / scale));
    const rgb = await decodeRgb(image, inSize.width === src.width && inSize.height === src.height ? undefined : inSize);
    const tiled = await runTiled(
      rgbToChw(rgb, v.inputScale, 0),
      3,
      rgb.width,
      rgb.height,
      { ...(options.tiling ?? UPSCALE_TILE), scale: v.netScale },
      imageModelTile(this.runner, v.modelId, v.file, { input: 'input', output: 'output' }),
    );
    let out = chwToRgb(tiled.data, tiled.width, tiled.height, v.inputScale, 0);
    const target = { width: rgb.width * scale, height: rgb.height * scale };
    if (v.netScale !== scale) {
      const data = await sharp(out.data, { raw: { width: out.width, height: out.height, channels: 3 } })
        .resize(target.width, target.height, { kernel: 'lanczos3' })
        .raw()
        .toBuffer();
      out = { data, ...target };
    }
    const alpha = await decodeAlpha(image);
    return encodePng(out, alpha ? await resizePlane(alpha.data, alpha, target) : undefined);
  }
}
