import * as ort from 'onnxruntime-node';
import type { ModelManifest } from '@atelier/models';
import type { ModelRunner } from '../runner';
import { modelInputSize } from '../image-tensor';
import { chwToRgb, decodeImage, encodePng, resizeRgb, rgbToChw, type DecodedImage, type ImageSource } from '../pixels';
import { NO_TIMER, type Timer } from '../phase-timer';
import { abortable, runTiled, type TileOptions } from '../tiling';
import { imageModelTile, preprocessing, tensorNames, tileOptions, valueScale } from './image-model';

const PREDICT = 'style_predict.onnx';
const TRANSFER = 'style_transfer.onnx';

export type StyleVector = Float32Array;

/**
 * Magenta arbitrary style transfer (models/manifests/magenta-arbitrary-style.json): any image → style vector;
 * content + vector → stylised image. The transfer network normalises with per-image (instance) statistics, so
 * every tile is coloured by its own content: the manifest's tile is large (1088², runtime/README.md says why).
 */
export class MagentaStyle {
  private readonly styleSize: number;
  private readonly maxSide: number;
  private readonly multiple: number;
  private readonly tiling: TileOptions;
  private readonly values: { scale: number; offset: number };
  private readonly predictNames: { inputs: string[]; outputs: string[] };
  /** The style vector's shape, from the manifest ([1, 100, 1, 1]). */
  private readonly vectorShape: number[];
  private readonly vectorLength: number;

  constructor(
    private readonly runner: ModelRunner,
    private readonly manifest: ModelManifest,
  ) {
    this.styleSize = preprocessing(manifest, 'styleSize');
    this.maxSide = preprocessing(manifest, 'maxSide');
    this.multiple = preprocessing(manifest, 'multipleOf');
    this.tiling = tileOptions(manifest);
    this.values = valueScale(manifest);
    this.predictNames = tensorNames(manifest, PREDICT);
    const bottleneck = manifest.io.find((c) => c.files.includes(PREDICT))!.outputs[0]!.shape;
    this.vectorShape = bottleneck.map((d) => (typeof d === 'number' ? d : 1));
    this.vectorLength = this.vectorShape.reduce((a, b) => a * b, 1);
  }

  /** Loads both sessions and runs each once, so the first visitor does not pay for it. */
  async warmUp(): Promise<void> {
    await this.predict(new ort.Tensor('float32', new Float32Array(3 * this.styleSize ** 2), [1, 3, this.styleSize, this.styleSize]));
    const [content, style] = tensorNames(this.manifest, TRANSFER).inputs;
    await this.runner.run(this.manifest.id, TRANSFER, {
      [content!]: new ort.Tensor('float32', new Float32Array(3 * 64 * 64), [1, 3, 64, 64]),
      [style!]: new ort.Tensor('float32', new Float32Array(this.vectorLength), this.vectorShape),
    });
  }

  /** The style vector of an image, resized to cover and centre-cropped to the manifest's style size. */
  async styleVector(image: ImageSource, timer: Timer = NO_TIMER): Promise<StyleVector> {
    const decoded = await timer.time('decode', () => decodeImage(image));
    const input = await timer.time('pre', () => this.styleInput(decoded));
    return timer.time('run', () => this.predict(input));
  }

  private async styleInput(decoded: DecodedImage): Promise<ort.Tensor> {
    const size = this.styleSize;
    const rgb = await resizeRgb(decoded.rgb, { width: size, height: size }, { fit: 'cover' });
    return new ort.Tensor('float32', rgbToChw(rgb, this.values.scale, this.values.offset), [1, 3, size, size]);
  }

  /**
   * Renders `content` in the style. `strength` 1 is the pure style; 0 is the content's own style vector
   * (Magenta's content blending ratio is 1 - strength).
   */
  async stylize(content: ImageSource, style: StyleVector, strength: number, tiling?: TileOptions): Promise<{ png: Buffer; width: number; height: number }> {
    return encodePng((await this.render(content, style, strength, { tiling })).rgb);
  }

  /** `stylize` without the PNG encode: the worker encodes while the safety screen reads the pixels. */
  async render(
    content: ImageSource,
    style: StyleVector,
    strength: number,
    options: { tiling?: TileOptions; timer?: Timer; signal?: AbortSignal } = {},
  ): Promise<DecodedImage> {
    const timer = options.timer ?? NO_TIMER;
    const { scale, offset } = this.values;
    const decoded = await timer.time('decode', () => decodeImage(content));
    const size = modelInputSize(decoded.rgb.width, decoded.rgb.height, this.maxSide, this.multiple);
    // libvips shrinks the content for its own style vector on its threads while the model input is laid out
    // here on the event loop: the two overlap instead of adding up.
    const [own, chw] = await timer.time('pre', () =>
      Promise.all([strength >= 1 ? undefined : this.styleInput(decoded), resizeRgb(decoded.rgb, size).then((rgb) => rgbToChw(rgb, scale, offset))]),
    );
    const vector = own ? blendStyleVectors(style, await timer.time('run', () => this.predict(own)), strength) : style;
    const styleInput = tensorNames(this.manifest, TRANSFER).inputs[1]!;
    const bottleneck = new ort.Tensor('float32', vector, this.vectorShape);
    const tile = imageModelTile(this.runner, this.manifest, TRANSFER, () => ({ [styleInput]: bottleneck }), timer);
    options.signal?.throwIfAborted();
    const out = await runTiled(chw, 3, size.width, size.height, options.tiling ?? this.tiling, abortable(tile, options.signal));
    return { rgb: await timer.time('post', () => chwToRgb(out.data, out.width, out.height, scale, offset)), alpha: null };
  }

  private async predict(input: ort.Tensor): Promise<StyleVector> {
    const [inputName] = this.predictNames.inputs;
    const [outputName] = this.predictNames.outputs;
    const out = await this.runner.run(this.manifest.id, PREDICT, { [inputName!]: input });
    const vector = out[outputName!];
    if (!vector || vector.size !== this.vectorLength) throw new Error(`style_predict returned no ${this.vectorLength}-d ${outputName}`);
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
