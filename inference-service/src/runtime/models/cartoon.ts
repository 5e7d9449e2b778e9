import type { ModelRunner } from '../runner';
import { chwToRgb, decodeImage, encodePng, resizePlane, resizeRgb, rgbToChw, type DecodedImage, type ImageSource } from '../pixels';
import { NO_TIMER, type Timer } from '../phase-timer';
import { modelInputSize } from '../image-tensor';
import { runTiled, type TileOptions } from '../tiling';
import { blankTile, imageModelTile } from './image-model';

export const CARTOON_MODEL_ID = 'whitebox-cartoonizer';
const FILE = 'model.onnx';
const NAMES = { input: 'input_photo', output: 'final_output' };
// MODEL.md: v / 127.5 - 1, sides multiples of 4 (two stride-2 stages).
const SCALE = 1 / 127.5;
const OFFSET = -1;
const MULTIPLE = 4;
const MAX_SIDE = 2048;
// The generator and its guided filter are local; 576² tiles keep memory flat on a 2048² canvas and split the
// studio's 1024² canvas into 2×2 (512² tiles made 3×3: 2.0 s instead of 1.3 s end to end). Warm-up runs this
// exact tile (no arena: the first shape keeps its memory plan). A smaller canvas is not padded up to it: at
// 512² that was 350 instead of 290 ms.
export const CARTOON_TILE: TileOptions = { tile: 576, overlap: 64, margin: 8, multiple: MULTIPLE };

/** White-box cartoonization (non-commercial licence: off unless an operator enables it). */
export class Cartoonizer {
  constructor(private readonly runner: ModelRunner) {}

  async warmUp(): Promise<void> {
    await imageModelTile(this.runner, CARTOON_MODEL_ID, FILE, NAMES)(blankTile(3, CARTOON_TILE.tile, CARTOON_TILE.tile), CARTOON_TILE.tile, CARTOON_TILE.tile);
  }

  async cartoonize(image: ImageSource): Promise<{ png: Buffer; width: number; height: number }> {
    const out = await this.render(image);
    return encodePng(out.rgb, out.alpha ?? undefined);
  }

  /** `cartoonize` without the PNG encode. */
  async render(image: ImageSource, timer: Timer = NO_TIMER): Promise<DecodedImage> {
    const own = await timer.time('decode', () => decodeImage(image));
    const src = { width: own.rgb.width, height: own.rgb.height };
    const size = modelInputSize(src.width, src.height, MAX_SIDE, MULTIPLE);
    const chw = await timer.time('pre', async () => rgbToChw(await resizeRgb(own.rgb, size), SCALE, OFFSET));
    const out = await runTiled(chw, 3, size.width, size.height, CARTOON_TILE, imageModelTile(this.runner, CARTOON_MODEL_ID, FILE, NAMES, undefined, timer));
    return timer.time('post', async () => ({
      rgb: chwToRgb(out.data, out.width, out.height, SCALE, OFFSET),
      alpha: own.alpha ? await resizePlane(own.alpha, src, size) : null,
    }));
  }
}
