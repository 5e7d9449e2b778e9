import type { ModelManifest } from '@atelier/models';
import type { ModelRunner } from '../runner';
import type { DecodedImage, ImageSource } from '../pixels';
import { NO_TIMER, type Timer } from '../phase-timer';
import { blankTile, canvasModelSizes, imageModelTile, renderCanvas, type CanvasModelSizes } from './image-model';

const FILE = 'model.onnx';

/**
 * White-box cartoonization (models/manifests/whitebox-cartoonizer.json; non-commercial licence: off unless an
 * operator enables it). The generator and its guided filter are local, so its tiles are small: the manifest's
 * 576² splits the studio's 1024² canvas into 2×2 (512² tiles made 3×3: 2.0 s instead of 1.3 s end to end).
 * Warm-up runs this exact tile (no arena: the first shape keeps its memory plan); a smaller canvas is not
 * padded up to it (at 512² that was 350 instead of 290 ms).
 */
export class Cartoonizer {
  private readonly sizes: CanvasModelSizes;

  constructor(
    private readonly runner: ModelRunner,
    private readonly manifest: ModelManifest,
  ) {
    this.sizes = canvasModelSizes(manifest);
  }

  async warmUp(): Promise<void> {
    const side = this.sizes.tiling.tile;
    await imageModelTile(this.runner, this.manifest, FILE)(blankTile(3, side, side), side, side);
  }

  async render(image: ImageSource, timer: Timer = NO_TIMER, signal?: AbortSignal): Promise<DecodedImage> {
    return renderCanvas(image, this.sizes, imageModelTile(this.runner, this.manifest, FILE, undefined, timer), timer, undefined, signal);
  }
}
