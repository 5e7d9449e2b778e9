import { HttpError } from '@atelier/common/errors';
import type { ToolParams } from '@atelier/contracts';
import { canvasTooSmall, type ModelManifest } from '@atelier/models';

/** Whether the tool runs on the uploaded canvas: cut-out and upscale may take a collection work instead. */
export const readsCanvas = (params: ToolParams): boolean => (params as { source?: string }).source !== 'work';

/**
 * A canvas under the model's `preprocessing.minSide` (its manifest, the one source) is refused before anything is
 * stored or queued: 400 `canvas_too_small`, instead of a failed remix carrying onnxruntime's own words.
 */
export function checkCanvasSize(manifest: ModelManifest, params: ToolParams, canvas: { width: number; height: number }): void {
  if (!readsCanvas(params)) return;
  const small = canvasTooSmall(manifest, canvas.width, canvas.height);
  if (!small) return;
  throw new HttpError(
    400,
    'canvas_too_small',
    `The canvas is too small for this model: it needs at least ${small.minSide} pixels on its shorter side, and this ${canvas.width} × ${canvas.height} canvas has ${small.shortSide}.`,
    { minSide: small.minSide, width: canvas.width, height: canvas.height },
  );
}
