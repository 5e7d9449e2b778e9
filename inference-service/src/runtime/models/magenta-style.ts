import sharp from 'sharp';
import * as ort from 'onnxruntime-node';
import type { ModelRunner } from '../runner';
import { imageToTensor, modelInputSize, tensorToPng } from '../image-tensor';

export const MAGENTA_MODEL_ID = 'magenta-arbitrary-style';
const PREDICT = 'style_predict.onnx';
const TRANSFER = 'style_transfer.onnx';
const STYLE_SIZE = 256;
const MAX_SIDE = 1024; // MODEL.md: trained at 384, 512-1024 works; bigger costs seconds on CPU
const MULTIPLE = 4;

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
  async styleVector(image: Uint8Array): Promise<StyleVector> {
    return this.predict(await imageToTensor(image, STYLE_SIZE, STYLE_SIZE, 'cover'));
  }

  /**
   * Renders `content` in the style. `strength` 1 is the pure style; 0 is the content's own style vector
   * (Magenta's content blending ratio is 1 - strength).
   */
  async stylize(content: Uint8Array, style: StyleVector, strength: number): Promise<{ png: Buffer; width: number; height: number }> {
    const vector = strength >= 1 ? style : blendStyleVectors(style, await this.styleVector(content), strength);
    const meta = await sharp(content).metadata();
    const size = modelInputSize(meta.width ?? STYLE_SIZE, meta.height ?? STYLE_SIZE, MAX_SIDE, MULTIPLE);
    const out = await this.runner.run(MAGENTA_MODEL_ID, TRANSFER, {
      content_image: await imageToTensor(content, size.width, size.height, 'fill'),
      style_bottleneck: new ort.Tensor('float32', vector, [1, 100, 1, 1]),
    });
    const image = out.stylized_image;
    if (!image) throw new Error('style_transfer returned no stylized_image');
    return tensorToPng(image);
  }

  private async predict(input: ort.Tensor): Promise<StyleVector> {
    const out = await this.runner.run(MAGENTA_MODEL_ID, PREDICT, { style_image: input });
    const vector = out.style_bottleneck;
    if (!vector || vector.size !== 100) throw new Error('style_predict returned no 100-d style_bottleneck');
    return Float32Array.from(vector.data as Float32Array);
  }
}

/** b = r * style + (1 - r) * content, element-wise. */
export function blendStyleVectors(style: StyleVector, content: StyleVector, strength: number): StyleVector {
  const r = Math.min(1, Math.max(0, strength));
  return style.map((s, i) => r * s + (1 - r) * content[i]!);
}
