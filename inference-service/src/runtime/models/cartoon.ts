import type { ModelRunner } from '../runner';
import { chwToRgb, decodeImage, encodePng, resizePlane, resizeRgb, rgbToChw, type DecodedImage, type ImageSource } from '../pixels';
import { NO_TIMER, type Timer } from '../phase-timer';
import { modelInputSize } from '../image-tensor';
import { runTiled } from '../tiling';
import { blankTile, imageModelTile } from './image-model';

export const CARTOON_MODEL_ID = 'whitebox-cartoonizer';
const FILE = 'model.onnx';
const NAMES = { input: 'input_photo', output: 'final_output' };
// MODEL.md: v / 127.5 - 1, sides multiples of 4 (two stride-2 stages).
const SCALE = 1 / 127.5;
const OFFSET = -1;
const MULTIPLE = 4;
const MAX_SIDE = 2048;
// The generator and its guided filter are local; 512² tiles keep memory flat on a 2048² canvas.
const TILE = { tile: 512, overlap: 64, margin: 8, multiple: MULTIPLE };

/** White-box cartoonization (non-commercial licence: off unless an operator enables it). */
export class Cartoonizer {
  constructor(private readonly runner: ModelRunner) {}

  async warmUp(): Promise<void> {
    await imageModelTile(this.runner, CARTOON_MODEL_ID, FILE, NAMES)(blankTile(3, 64, 64), 64, 64);
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
    const out = await runTiled(chw, 3, size.width, size.height, TILE, imageModelTile(this.runner, CARTOON_MODEL_ID, FILE, NAMES, undefined, timer));
    return timer.time('post', async () => ({
      rgb: chwToRgb(out.data, out.width, out.height, SCALE, OFFSET),
      alpha: own.alpha ? await resizePlane(own.alpha, src, size) : null,
    }));
  }
}
