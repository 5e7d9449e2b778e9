import type { ModelManifest } from '@atelier/models';
import { DEFAULT_DOCUMENT_SIZE } from '@atelier/contracts';
import type { ModelRunner } from '../runner';
import type { DecodedImage, ImageSource } from '../pixels';
import { NO_TIMER, type Timer } from '../phase-timer';
import { blankTile, canvasModelSizes, imageModelTile, renderCanvas, type CanvasModelSizes } from './image-model';

const FILE = 'model.onnx';

/**
 * White-box cartoonization (models/manifests/whitebox-cartoonizer.json; non-commercial licence: off unless an
 * operator enables it). The manifest's 1088² tile runs the studio's 1024² canvas whole: 2×2 tiles of 576² cost
 * 1.27× the pixels (2.0 instead of 1.5–1.7 s in a bare process). In `fast` mode the session keeps its arena
 * (1.50 instead of 1.68 s, ~1.3 GB held); in `low` mode it peaks at ~650 MB a run and gives it back. Warm-up runs
 * the studio's canvas size (without the arena the first shape keeps its memory plan); a smaller canvas is not
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
    const side = Math.min(this.sizes.tiling.tile, DEFAULT_DOCUMENT_SIZE);
    await imageModelTile(this.runner, this.manifest, FILE)(blankTile(3, side, side), side, side);
  }

  async render(image: ImageSource, timer: Timer = NO_TIMER, signal?: AbortSignal): Promise<DecodedImage> {
    return renderCanvas(image, this.sizes, imageModelTile(this.runner, this.manifest, FILE, undefined, timer), timer, undefined, signal);
  }
}
