import type { ModelManifest } from './manifest.schema';

/**
 * The canvas's shorter side as the model sees it: a model with `maxSide` first scales the canvas so its longer
 * side fits (runtime/image-tensor.ts `modelInputSize`), so a long thin canvas gets thinner still.
 */
export function modelShortSide(manifest: Pick<ModelManifest, 'preprocessing'>, width: number, height: number): number {
  const { maxSide } = manifest.preprocessing;
  const scale = maxSide ? Math.min(1, maxSide / Math.max(width, height)) : 1;
  return Math.min(width, height) * scale;
}

/**
 * Whether a canvas is too small for the model (its manifest's `preprocessing.minSide`, the one source): null when it
 * fits, else what the refusal says. A manifest without `minSide` (the safety classifier) takes any size.
 */
export function canvasTooSmall(
  manifest: Pick<ModelManifest, 'preprocessing'>,
  width: number,
  height: number,
): { minSide: number; shortSide: number } | null {
  const minSide = manifest.preprocessing.minSide ?? 1;
  const shortSide = modelShortSide(manifest, width, height);
  return shortSide >= minSide ? null : { minSide, shortSide: Math.floor(shortSide * 100) / 100 };
}
