import * as ort from 'onnxruntime-node';
import type { ModelRunner } from '../runner';
import { decodeRgb, rgbToChw, type ImageSource } from '../pixels';

export const SAFETY_MODEL_ID = 'nsfwjs-mobilenet-v2';
const FILE = 'model.onnx';
const SIZE = 224;
export const SAFETY_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;
export type SafetyClass = (typeof SAFETY_CLASSES)[number];
export type SafetyScores = Record<SafetyClass, number>;

export interface SafetyPolicy {
  /** Classes whose probabilities are summed; the image is flagged when the sum reaches `threshold`. */
  flagClasses: SafetyClass[];
  threshold: number;
}

/** nsfwjs: Porn + Hentai ≥ 0.6 flags. Clothed portraits score "Sexy" ~0.5, so that class is not counted. */
export const DEFAULT_SAFETY_POLICY: SafetyPolicy = { flagClasses: ['Porn', 'Hentai'], threshold: 0.6 };

/** `SAFETY_THRESHOLD` (0..1) and `SAFETY_FLAG_CLASSES` (comma list of class names) override the default. */
export function safetyPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): SafetyPolicy {
  const policy = { ...DEFAULT_SAFETY_POLICY };
  if (env.SAFETY_THRESHOLD) {
    const t = Number(env.SAFETY_THRESHOLD);
    if (!(t > 0 && t <= 1)) throw new Error(`SAFETY_THRESHOLD must be in (0, 1], got "${env.SAFETY_THRESHOLD}"`);
    policy.threshold = t;
  }
  if (env.SAFETY_FLAG_CLASSES) {
    const names = env.SAFETY_FLAG_CLASSES.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = names.filter((n) => !(SAFETY_CLASSES as readonly string[]).includes(n));
    if (bad.length || !names.length) throw new Error(`SAFETY_FLAG_CLASSES: unknown class ${bad.join(', ')}; use ${SAFETY_CLASSES.join(', ')}`);
    policy.flagClasses = names as SafetyClass[];
  }
  return policy;
}

/** The nsfwjs MobileNetV2 classifier: 224² stretched, v / 255, softmax over five classes. */
export class SafetyClassifier {
  constructor(private readonly runner: ModelRunner) {}

  async warmUp(): Promise<void> {
    await this.run(new Float32Array(3 * SIZE * SIZE));
  }

  /** Encoded bytes, or pixels a job already decoded (then only the 224² resize runs). */
  async scores(image: ImageSource): Promise<SafetyScores> {
    return this.run(rgbToChw(await decodeRgb(image, { width: SIZE, height: SIZE, kernel: 'linear' }), 1 / 255, 0));
  }

  private async run(chw: Float32Array): Promise<SafetyScores> {
    const out = await this.runner.run(SAFETY_MODEL_ID, FILE, { input: new ort.Tensor('float32', chw, [1, 3, SIZE, SIZE]) });
    const p = out.probabilities?.data as Float32Array | undefined;
    if (!p || p.length !== SAFETY_CLASSES.length) throw new Error('nsfwjs returned no 5-class probabilities');
    return Object.fromEntries(SAFETY_CLASSES.map((c, i) => [c, Math.round(p[i]! * 1e4) / 1e4])) as SafetyScores;
  }
}

export function flagScore(scores: SafetyScores, policy: SafetyPolicy): number {
  return policy.flagClasses.reduce((sum, c) => sum + scores[c], 0);
}
