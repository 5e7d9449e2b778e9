import type { ModelRunner } from '../runner';
import { chwToRgb, decodeAlpha, decodeRgb, encodePng, resizePlane, rgbToChw } from '../pixels';
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

  async cartoonize(image: Uint8Array): Promise<{ png: Buffer; width: number; height: number }> {
    const own = await decodeRgb(image);
    const size = modelInputSize(own.width, own.height, MAX_SIDE, MULTIPLE);
    const rgb = size.width === own.width && size.height === own.height ? own : await decodeRgb(image, size);
    const out = await runTiled(rgbToChw(rgb, SCALE, OFFSET), 3, rgb.width, rgb.height, TILE, imageModelTile(this.runner, CARTOON_MODEL_ID, FILE, NAMES));
    const alpha = await decodeAlpha(image);
    return encodePng(chwToRgb(out.data, out.width, out.height, SCALE, OFFSET), alpha ? await resizePlane(alpha.data, alpha, size) : undefined);
  }
}
