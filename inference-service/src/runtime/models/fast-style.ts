import type { ModelManifest } from '@atelier/models';
import { FIXED_STYLES, type FixedStyle } from '@atelier/contracts';
import type { ModelRunner } from '../runner';
import { encodePng, type DecodedImage, type ImageSource } from '../pixels';
import { NO_TIMER, type Timer } from '../phase-timer';
import type { TileOptions } from '../tiling';
import { blankTile, canvasModelSizes, imageModelTile, renderCanvas, type CanvasModelSizes } from './image-model';

/** The network file of a style: one small (2 MB) network per style. */
export const fastStyleFile = (style: FixedStyle) => `${style}.onnx`;

/**
 * Fast neural style (Johnson et al., nc16 weights; models/manifests/fast-neural-style-nc16.json): the canvas in
 * one of a few fixed styles, 0..255 in and out (the output overshoots to about −150..360 and is clamped).
 * TransformerNet normalises per image like Magenta, so it tiles like Magenta. No licence is stated for the
 * weights: off unless an operator enables it.
 */
export class FastStyle {
  readonly sizes: CanvasModelSizes;

  constructor(
    private readonly runner: ModelRunner,
    private readonly manifest: ModelManifest,
  ) {
    this.sizes = canvasModelSizes(manifest);
  }

  /** Loads and runs every offered style once (three 2 MB sessions). */
  async warmUp(): Promise<void> {
    for (const style of FIXED_STYLES) await this.tile(style)(blankTile(3, 64, 64), 64, 64);
  }

  async stylize(image: ImageSource, style: FixedStyle, tiling?: TileOptions): Promise<{ png: Buffer; width: number; height: number }> {
    const out = await this.render(image, style, { tiling });
    return encodePng(out.rgb, out.alpha ?? undefined);
  }

  /** `stylize` without the PNG encode. The canvas's transparency is kept, as the cartoonizer does. */
  async render(image: ImageSource, style: FixedStyle, options: { tiling?: TileOptions; timer?: Timer; signal?: AbortSignal } = {}): Promise<DecodedImage> {
    const timer = options.timer ?? NO_TIMER;
    const tile = this.tile(style, timer); // refuses a style that is not offered before any work is done
    return renderCanvas(image, this.sizes, tile, timer, options.tiling, options.signal);
  }

  private tile(style: FixedStyle, timer: Timer = NO_TIMER) {
    // Checked here too: a job queued by hand must not reach a style that is not offered (rain-princess).
    if (!FIXED_STYLES.includes(style)) throw new Error(`fixed style ${String(style)} is not offered`);
    return imageModelTile(this.runner, this.manifest, fastStyleFile(style), undefined, timer);
  }
}
