import * as ort from 'onnxruntime-node';
import type { ModelRunner } from '../runner';
import { decodeImage, encodePng, resizePlane, resizeRgb, type DecodedImage, type ImageSource } from '../pixels';
import { NO_TIMER, type Timer } from '../phase-timer';

export const CUTOUT_MODEL_ID = 'isnet-imgly-medium';
const FILE = 'model.onnx';
const SIZE = 1024; // fixed by the exported graph
// MODEL.md: (v - 128) / 256 on 0..255 RGB, stretched to 1024² bilinear.
const MEAN = 128;
const SCALE = 256;
// Matte levels below LOW become fully transparent (background haze), above HIGH fully opaque; linear between,
// which keeps hair and soft edges while removing the faint halo ISNet leaves around a subject.
const LOW = 0.06 * 255;
const HIGH = 0.94 * 255;

export interface Cutout {
  png: Buffer;
  width: number;
  height: number;
  /** Share of pixels that stayed at least half opaque: 0 means no subject was found. */
  coverage: number;
}

/** ISNet subject cut-out: the 1024² matte scaled back to the image's own size becomes its alpha channel. */
export class SubjectCutout {
  constructor(private readonly runner: ModelRunner) {}

  async warmUp(): Promise<void> {
    await this.matte(new Float32Array(3 * SIZE * SIZE));
  }

  async cutOut(image: ImageSource): Promise<Cutout> {
    const { rgb, alpha, coverage } = await this.render(image);
    return { ...(await encodePng(rgb, alpha)), coverage };
  }

  /** `cutOut` without the PNG encode: the source's pixels with the matte as their alpha. */
  async render(image: ImageSource, timer: Timer = NO_TIMER): Promise<DecodedImage & { alpha: Buffer; coverage: number }> {
    const original = await timer.time('decode', () => decodeImage(image));
    const plane = SIZE * SIZE;
    const chw = await timer.time('pre', async () => {
      const input = await resizeRgb(original.rgb, { width: SIZE, height: SIZE }, { kernel: 'linear' });
      const out = new Float32Array(3 * plane);
      for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[c * plane + i] = (input.data[i * 3 + c]! - MEAN) / SCALE;
      return out;
    });
    const matte = await timer.time('run', () => this.matte(chw));
    return timer.time('post', async () => {
      const size = { width: original.rgb.width, height: original.rgb.height };
      const alpha = refineMatte(await resizePlane(matte, { width: SIZE, height: SIZE }, size));
      // A canvas that was already partly transparent stays so: the cut-out only removes more.
      const own = original.alpha;
      if (own) for (let i = 0; i < alpha.length; i++) alpha[i] = Math.round((alpha[i]! * own[i]!) / 255);
      let opaque = 0;
      for (const a of alpha) if (a >= 128) opaque++;
      return { rgb: original.rgb, alpha, coverage: opaque / alpha.length };
    });
  }

  private async matte(chw: Float32Array): Promise<Buffer> {
    const out = await this.runner.run(CUTOUT_MODEL_ID, FILE, { input: new ort.Tensor('float32', chw, [1, 3, SIZE, SIZE]) }, ['output']);
    const m = out.output?.data as Float32Array | undefined;
    if (!m || m.length !== SIZE * SIZE) throw new Error('isnet returned no 1024² matte');
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
