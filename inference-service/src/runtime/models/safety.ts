import * as ort from 'onnxruntime-node';
import type { ModelDefaults } from '@atelier/contracts';
import type { ModelManifest } from '@atelier/models';
import type { ModelRunner } from '../runner';
import { decodeRgb, rgbToChw, type ImageSource } from '../pixels';
import { preprocessing, tensorNames, valueScale } from './image-model';

const FILE = 'model.onnx';
/** Class name → probability, in the classifier's own class names (its manifest's `preprocessing.classes`). */
export type SafetyScores = Record<string, number>;

export interface SafetyPolicy {
  /** Classes whose probabilities are summed; the image is flagged when the sum reaches `threshold`. */
  flagClasses: string[];
  threshold: number;
}

/**
 * The policy: the classifier manifest's `defaults` (nsfwjs: Porn + Hentai ≥ 0.6; clothed portraits score "Sexy"
 * ~0.5, so that class is not counted), overridden by `SAFETY_THRESHOLD` (0..1) and `SAFETY_FLAG_CLASSES` (a
 * comma list of the manifest's class names).
 */
export function safetyPolicy(manifest: Pick<ModelManifest, 'id' | 'defaults' | 'preprocessing'>, env: NodeJS.ProcessEnv = process.env): SafetyPolicy {
  const classes = manifest.preprocessing.classes ?? [];
  const { flagClasses, threshold }: ModelDefaults = manifest.defaults;
  if (!flagClasses || threshold === undefined) throw new Error(`${manifest.id}: manifest has no default flagClasses and threshold`);
  const policy: SafetyPolicy = { flagClasses: [...flagClasses], threshold };
  if (env.SAFETY_THRESHOLD) {
    const t = Number(env.SAFETY_THRESHOLD);
    if (!(t > 0 && t <= 1)) throw new Error(`SAFETY_THRESHOLD must be in (0, 1], got "${env.SAFETY_THRESHOLD}"`);
    policy.threshold = t;
  }
  if (env.SAFETY_FLAG_CLASSES) {
    const names = env.SAFETY_FLAG_CLASSES.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = names.filter((n) => !classes.includes(n));
    if (bad.length || !names.length) throw new Error(`SAFETY_FLAG_CLASSES: unknown class ${bad.join(', ')}; use ${classes.join(', ')}`);
    policy.flagClasses = names;
  }
  return policy;
}

/** The safety classifier (models/manifests/nsfwjs-mobilenet-v2.json): stretched to its fixed size, softmax over its classes. */
export class SafetyClassifier {
  private readonly size: number;
  private readonly classes: string[];
  private readonly names: { inputs: string[]; outputs: string[] };
  private readonly values: { scale: number; offset: number };

  constructor(
    private readonly runner: ModelRunner,
    private readonly manifest: ModelManifest,
  ) {
    this.size = preprocessing(manifest, 'size');
    this.classes = preprocessing(manifest, 'classes');
    this.names = tensorNames(manifest, FILE);
    this.values = valueScale(manifest);
  }

  get modelId(): string {
    return this.manifest.id;
  }

  async warmUp(): Promise<void> {
    await this.run(new Float32Array(3 * this.size * this.size));
  }

  /** Encoded bytes, or pixels a job already decoded (then only the resize runs). */
  async scores(image: ImageSource): Promise<SafetyScores> {
    const rgb = await decodeRgb(image, { width: this.size, height: this.size, kernel: 'linear' });
    return this.run(rgbToChw(rgb, this.values.scale, this.values.offset));
  }

  private async run(chw: Float32Array): Promise<SafetyScores> {
    const [input] = this.names.inputs;
    const [output] = this.names.outputs;
    const out = await this.runner.run(this.manifest.id, FILE, { [input!]: new ort.Tensor('float32', chw, [1, 3, this.size, this.size]) });
    const p = out[output!]?.data as Float32Array | undefined;
    if (!p || p.length !== this.classes.length) throw new Error(`${this.manifest.id} returned no ${this.classes.length}-class ${output}`);
    return Object.fromEntries(this.classes.map((c, i) => [c, Math.round(p[i]! * 1e4) / 1e4]));
  }
}

export function flagScore(scores: SafetyScores, policy: SafetyPolicy): number {
  return policy.flagClasses.reduce((sum, c) => sum + (scores[c] ?? 0), 0);
}
