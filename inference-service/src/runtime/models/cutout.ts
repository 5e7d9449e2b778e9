import * as ort from 'onnxruntime-node';
import type { ModelManifest } from '@atelier/models';
import type { ModelRunner } from '../runner';
import { decodeImage, resizePlane, resizeRgb, type DecodedImage, type ImageSource } from '../pixels';
import { NO_TIMER, type Timer } from '../phase-timer';
import { preprocessing, tensorNames } from './image-model';

const FILE = 'model.onnx';
// Matte levels below LOW become fully transparent (background haze), above HIGH fully opaque; linear between,
// which keeps hair and soft edges while removing the faint halo ISNet leaves around a subject.
const LOW = 0.06 * 255;
const HIGH = 0.94 * 255;

/**
 * ISNet subject cut-out (models/manifests/isnet-imgly-medium.json): the image stretched to the graph's fixed
 * size (1024², bilinear), `(v − mean) / std`; the matte scaled back to the image's own size becomes its alpha.
 */
export class SubjectCutout {
  private readonly size: number;
  private readonly names: { inputs: string[]; outputs: string[] };

  constructor(
    private readonly runner: ModelRunner,
    private readonly manifest: ModelManifest,
  ) {
    this.size = preprocessing(manifest, 'size');
    this.names = tensorNames(manifest, FILE);
  }

  async warmUp(): Promise<void> {
    await this.matte(new Float32Array(3 * this.size * this.size));
  }

  /** The source's pixels with the matte as their alpha, and the share of them at least half opaque (0: no subject found). */
  async render(image: ImageSource, timer: Timer = NO_TIMER): Promise<DecodedImage & { alpha: Buffer; coverage: number }> {
    const side = this.size;
    const { mean, std } = this.manifest.preprocessing.normalise;
    const original = await timer.time('decode', () => decodeImage(image));
    const plane = side * side;
    const chw = await timer.time('pre', async () => {
      const input = await resizeRgb(original.rgb, { width: side, height: side }, { kernel: 'linear' });
      const out = new Float32Array(3 * plane);
      for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[c * plane + i] = (input.data[i * 3 + c]! - mean) / std;
      return out;
    });
    const matte = await timer.time('run', () => this.matte(chw));
    return timer.time('post', async () => {
      const size = { width: original.rgb.width, height: original.rgb.height };
      const alpha = refineMatte(await resizePlane(matte, { width: side, height: side }, size));
      // A canvas that was already partly transparent stays so: the cut-out only removes more.
      const own = original.alpha;
      if (own) for (let i = 0; i < alpha.length; i++) alpha[i] = Math.round((alpha[i]! * own[i]!) / 255);
      let opaque = 0;
      for (const a of alpha) if (a >= 128) opaque++;
      return { rgb: original.rgb, alpha, coverage: opaque / alpha.length };
    });
  }

  private async matte(chw: Float32Array): Promise<Buffer> {
    const side = this.size;
    const [input] = this.names.inputs;
    const [output] = this.names.outputs; // only the matte: ISNet's side outputs are never fetched
    const out = await this.runner.run(this.manifest.id, FILE, { [input!]: new ort.Tensor('float32', chw, [1, 3, side, side]) }, [output!]);
    const m = out[output!]?.data as Float32Array | undefined;
    if (!m || m.length !== side * side) throw new Error(`isnet returned no ${side}² matte`);
    const bytes = Buffer.alloc(m.length);
    for (let i = 0; i < m.length; i++) bytes[i] = Math.round(Math.min(1, Math.max(0, m[i]! || 0)) * 255);
    return bytes;
  }
}

/** Levels the resized matte: clears the haze, saturates the core, and clips lanczos ringing. */
export function refineMatte(alpha: Buffer): Buffer {
  const out = Buffer.alloc(alpha.length);
  for (let i = 0; i < alpha.length; i++) {
    const v = ((alpha[i]! - LOW) / (HIGH - LOW)) * 255;
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
  }
  return out;
}
