import * as ort from 'onnxruntime-node';
import type { ModelRunner } from '../runner';
import { modelInputSize } from '../image-tensor';
import { chwToRgb, decodeImage, encodePng, resizeRgb, rgbToChw, type DecodedImage, type ImageSource } from '../pixels';
import { NO_TIMER, type Timer } from '../phase-timer';
import { runTiled, type TileOptions } from '../tiling';
import { imageModelTile } from './image-model';

export const MAGENTA_MODEL_ID = 'magenta-arbitrary-style';
const PREDICT = 'style_predict.onnx';
const TRANSFER = 'style_transfer.onnx';
const STYLE_SIZE = 256;
const MAX_SIDE = 2048; // MODEL.md: trained at 384, 512-1024 works; beyond 1088 it runs in tiles
const MULTIPLE = 4;
/**
 * The transfer network normalises with per-image (instance) statistics, so every tile is coloured by its
 * own content: small tiles drift apart (mean |Δ| 0.046 at 512² tiles vs 0.020 at 768² on a 1024² canvas).
 * Canvases up to 1088² run whole as before; a 2048² canvas runs as 2×2 tiles of 1088² blended over 128 px,
 * peak RSS ~0.6 GB instead of ~1.5 GB (runtime/README.md).
 */
export const MAGENTA_TILE: TileOptions = { tile: 1088, overlap: 128, margin: 16, multiple: MULTIPLE };

export type StyleVector = Float32Array;

/**
 * Magenta arbitrary style transfer (see models/manifests/magenta-arbitrary-style.json):
 * any image → 100-d style vector; content + vector → stylised image.
 */
export class MagentaStyle {
  constructor(private readonly runner: ModelRunner) {}

  /** Loads both sessions and runs each once, so the first visitor does not pay for it. */
  async warmUp(): Promise<void> {
    await this.predict(new ort.Tensor('float32', new Float32Array(3 * STYLE_SIZE * STYLE_SIZE), [1, 3, STYLE_SIZE, STYLE_SIZE]));
    await this.runner.run(MAGENTA_MODEL_ID, TRANSFER, {
      content_image: new ort.Tensor('float32', new Float32Array(3 * 64 * 64), [1, 3, 64, 64]),
      style_bottleneck: new ort.Tensor('float32', new Float32Array(100), [1, 100, 1, 1]),
    });
  }

  /** The style vector of an image, resized and centre-cropped to 256². */
  async styleVector(image: ImageSource, timer: Timer = NO_TIMER): Promise<StyleVector> {
    const decoded = await timer.time('decode', () => decodeImage(image));
    const input = await timer.time('pre', () => this.styleInput(decoded));
    return timer.time('run', () => this.predict(input));
  }

  private async styleInput(decoded: DecodedImage): Promise<ort.Tensor> {
    const rgb = await resizeRgb(decoded.rgb, { width: STYLE_SIZE, height: STYLE_SIZE }, { fit: 'cover' });
    return new ort.Tensor('float32', rgbToChw(rgb, 1 / 255, 0), [1, 3, STYLE_SIZE, STYLE_SIZE]);
  }

  /**
   * Renders `content` in the style. `strength` 1 is the pure style; 0 is the content's own style vector
   * (Magenta's content blending ratio is 1 - strength).
   */
  async stylize(
    content: ImageSource,
    style: StyleVector,
    strength: number,
    tiling: TileOptions = MAGENTA_TILE,
  ): Promise<{ png: Buffer; width: number; height: number }> {
    return encodePng((await this.render(content, style, strength, { tiling })).rgb);
  }

  /** `stylize` without the PNG encode: the worker encodes while the safety screen reads the pixels. */
  async render(
    content: ImageSource,
    style: StyleVector,
    strength: number,
    options: { tiling?: TileOptions; timer?: Timer } = {},
  ): Promise<DecodedImage> {
    const timer = options.timer ?? NO_TIMER;
    const decoded = await timer.time('decode', () => decodeImage(content));
    const size = modelInputSize(decoded.rgb.width, decoded.rgb.height, MAX_SIDE, MULTIPLE);
    // libvips shrinks the content to 256² for its own style vector on its threads while the model input
    // is laid out here on the event loop: the two overlap instead of adding up.
    const [own, chw] = await timer.time('pre', () =>
      Promise.all([strength >= 1 ? undefined : this.styleInput(decoded), resizeRgb(decoded.rgb, size).then((rgb) => rgbToChw(rgb, 1 / 255, 0))]),
    );
    const vector = own ? blendStyleVectors(style, await timer.time('run', () => this.predict(own)), strength) : style;
    const bottleneck = new ort.Tensor('float32', vector, [1, 100, 1, 1]);
    const tile = imageModelTile(
      this.runner,
      MAGENTA_MODEL_ID,
      TRANSFER,
      { input: 'content_image', output: 'stylized_image' },
      () => ({ style_bottleneck: bottleneck }),
      timer,
    );
    const out = await runTiled(chw, 3, size.width, size.height, options.tiling ?? MAGENTA_TILE, tile);
    return { rgb: await timer.time('post', () => chwToRgb(out.data, out.width, out.height, 1 / 255, 0)), alpha: null };
  }

  private async predict(input: ort.Tensor): Promise<StyleVector> {
    const out = await this.runner.run(MAGENTA_MODEL_ID, PREDICT, { style_image: input });
    const vector = out.style_bottleneck;
    if (!vector || vector.size !== 100) throw new Error('style_predict returned no 100-d style_bottleneck');
    return Float32Array.from(vector.data as Float32Array);
  }
}

/**
 * Mixes two styles: `weight` 0 is all `a`, 1 all `b`. Magenta's style space is linear enough that the
 * average of two paintings' vectors renders as a blend of both (Ghiasi et al. 2017, fig. 7).
 */
export function mixStyleVectors(a: StyleVector, b: StyleVector, weight: number): StyleVector {
  return blendStyleVectors(b, a, weight);
}

/** b = r * style + (1 - r) * content, element-wise. */
export function blendStyleVectors(style: StyleVector, content: StyleVector, strength: number): StyleVector {
  const r = Math.min(1, Math.max(0, strength));
  return style.map((s, i) => r * s + (1 - r) * content[i]!);
}
