import type { ModelRunner } from '../runner';
import { chwToRgb, decodeImage, encodePng, resizePlane, resizeRgb, rgbToChw, type DecodedImage, type ImageSource } from '../pixels';
import { NO_TIMER, type Timer } from '../phase-timer';
import { modelInputSize } from '../image-tensor';
import { runTiled, type TileOptions } from '../tiling';
import { FIXED_STYLES, type FixedStyle } from '../../jobs/tools.job';
import { blankTile, imageModelTile } from './image-model';

export const FAST_STYLE_MODEL_ID = 'fast-neural-style-nc16';
const NAMES = { input: 'input.1', output: '395' };
// MODEL.md: RGB 0..255 in and out, not normalised; the output overshoots (about −150..360) and chwToRgb clamps it.
const SCALE = 1;
const OFFSET = 0;
const MULTIPLE = 4;
// The manifest's contentMaxSide 1024 is what MODEL.md timed; like Magenta, larger canvases run in tiles up to 2048.
const MAX_SIDE = 2048;
/**
 * TransformerNet normalises per image (instance norm, as ReduceMean nodes), so each tile is coloured by its
 * own statistics, as with Magenta: run whole up to 1088², and a 2048² canvas as 2×2 tiles of 1088².
 */
export const FAST_STYLE_TILE: TileOptions = { tile: 1088, overlap: 128, margin: 16, multiple: MULTIPLE };

/** The network file of a style: one small (2 MB) network per style. */
export const fastStyleFile = (style: FixedStyle) => `${style}.onnx`;

/**
 * Fast neural style (Johnson et al., nc16 weights; see models/manifests/fast-neural-style-nc16.json): the
 * canvas in one of a few fixed styles. No licence is stated for the weights: off unless an operator enables it.
 */
export class FastStyle {
  constructor(private readonly runner: ModelRunner) {}

  /** Loads and runs every offered style once (three 2 MB sessions). */
  async warmUp(): Promise<void> {
    for (const style of FIXED_STYLES) await this.tile(style)(blankTile(3, 64, 64), 64, 64);
  }

  async stylize(image: ImageSource, style: FixedStyle, tiling?: TileOptions): Promise<{ png: Buffer; width: number; height: number }> {
    const out = await this.render(image, style, { tiling });
    return encodePng(out.rgb, out.alpha ?? undefined);
  }

  /** `stylize` without the PNG encode. The canvas's transparency is kept, as the cartoonizer does. */
  async render(image: ImageSource, style: FixedStyle, options: { tiling?: TileOptions; timer?: Timer } = {}): Promise<DecodedImage> {
    const timer = options.timer ?? NO_TIMER;
    const tile = this.tile(style, timer); // refuses a style that is not offered before any work is done
    const own = await timer.time('decode', () => decodeImage(image));
    const src = { width: own.rgb.width, height: own.rgb.height };
    const size = modelInputSize(src.width, src.height, MAX_SIDE, MULTIPLE);
    const chw = await timer.time('pre', async () => rgbToChw(await resizeRgb(own.rgb, size), SCALE, OFFSET));
    const out = await runTiled(chw, 3, size.width, size.height, options.tiling ?? FAST_STYLE_TILE, tile);
    return timer.time('post', async () => ({
      rgb: chwToRgb(out.data, out.width, out.height, SCALE, OFFSET),
      alpha: own.alpha ? await resizePlane(own.alpha, src, size) : null,
    }));
  }

  private tile(style: FixedStyle, timer: Timer = NO_TIMER) {
    // Checked here too: a job queued by hand must not reach a style that is not offered (rain-princess).
    if (!FIXED_STYLES.includes(style)) throw new Error(`fixed style ${String(style)} is not offered`);
    return imageModelTile(this.runner, FAST_STYLE_MODEL_ID, fastStyleFile(style), NAMES, undefined, timer);
  }
}
