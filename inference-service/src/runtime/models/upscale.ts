import type { ModelManifest, UpscaleScale } from '@atelier/models';
import { NO_TIMER, type Timer } from '../phase-timer';
import type { ModelRunner } from '../runner';
import { capSize, chwToRgb, decodeImage, encodePng, resizePlane, resizeRgb, rgbToChw, type DecodedImage, type ImageSource } from '../pixels';
import { abortable, runTiled, type TileOptions } from '../tiling';
import { blankTile, imageModelTile, preprocessing, tileOptions, valueScale } from './image-model';

/** No output side beyond this: a 4096² RGBA PNG is the most the studio and the gallery handle. */
export const MAX_OUTPUT_SIDE = 4096;

export interface UpscaleOptions {
  /** The maximum input side; the default keeps the output ≤ MAX_OUTPUT_SIDE. */
  maxOutputSide?: number;
  tiling?: TileOptions;
  timer?: Timer;
  /** A cancel or timeout: no further tile starts (tiling.ts `abortable`). */
  signal?: AbortSignal;
}

/**
 * Super-resolution ×2 / ×4 with tiled inference (models/manifests/upscalerjs-esrgan-slim.json for photos,
 * realesr-animevideov3-x4.json for drawings); a transparent input keeps its (resized) alpha. The manifest's
 * `scales` say which file makes each factor (a ×4-only network makes ×2 by ×4 then lanczos ↓2) and which pads a
 * small image to one full tile. Its 576² tile keeps a 512² canvas in one run and splits 1024² into 2×2 (256²
 * tiles ran a 512² upscale as nine and took ~3× the untiled time on 2 cores).
 */
export class Upscaler {
  private readonly scales: ReadonlyMap<number, UpscaleScale>;
  private readonly tiling: TileOptions;
  private readonly values: { scale: number; offset: number };
  /**
   * The manifest's `runtime.cpuMemArena: false`: the session keeps the memory plan of its first shape only,
   * so warm-up runs one full tile. A model that keeps its arena warms up small (2.3 s less at start).
   */
  private readonly arenaFree: boolean;

  constructor(
    private readonly runner: ModelRunner,
    private readonly manifest: ModelManifest,
  ) {
    this.scales = new Map(preprocessing(manifest, 'scales').map((s) => [s.scale, s]));
    this.tiling = tileOptions(manifest);
    this.values = valueScale(manifest);
    this.arenaFree = manifest.runtime?.cpuMemArena === false;
  }

  supports(scale: number): boolean {
    return this.scales.has(scale);
  }

  async warmUp(): Promise<void> {
    const side = this.arenaFree ? this.tiling.tile : 16;
    for (const file of new Set([...this.scales.values()].map((s) => s.file)))
      await imageModelTile(this.runner, this.manifest, file)(blankTile(3, side, side), side, side);
  }

  async upscale(image: ImageSource, scale: 2 | 4, options: UpscaleOptions = {}): Promise<{ png: Buffer; width: number; height: number }> {
    const out = await this.render(image, scale, options);
    return encodePng(out.rgb, out.alpha ?? undefined);
  }

  /**
   * A print (issue 12 item 3): the image upscaled so its long side is exactly `longSide`. The smallest factor that
   * reaches it runs on the image shrunk to `longSide / factor` (no pixels the print throws away are computed), the
   * largest when none does; lanczos then sets the exact size. Memory: one tile's activations plus the output.
   */
  async toLongSide(image: ImageSource, longSide: number, options: Omit<UpscaleOptions, 'maxOutputSide'> = {}): Promise<DecodedImage & { scale: number }> {
    const decoded = await decodeImage(image);
    const side = Math.max(decoded.rgb.width, decoded.rgb.height);
    const factors = [...this.scales.keys()].sort((a, b) => a - b) as (2 | 4)[];
    const scale = factors.find((k) => side * k >= longSide) ?? factors[factors.length - 1]!;
    const out = await this.render(decoded, scale, { ...options, maxOutputSide: longSide });
    const ratio = longSide / Math.max(out.rgb.width, out.rgb.height);
    const size = { width: Math.max(1, Math.round(out.rgb.width * ratio)), height: Math.max(1, Math.round(out.rgb.height * ratio)) };
    const from = { width: out.rgb.width, height: out.rgb.height };
    return { rgb: await resizeRgb(out.rgb, size), alpha: out.alpha ? await resizePlane(out.alpha, from, size) : null, scale };
  }

  /** `upscale` without the PNG encode. */
  async render(image: ImageSource, scale: 2 | 4, options: UpscaleOptions = {}): Promise<DecodedImage> {
    const v = this.scales.get(scale);
    if (!v) throw new Error(`${this.manifest.id} cannot upscale ×${scale}`);
    const timer = options.timer ?? NO_TIMER;
    const { scale: k, offset } = this.values;
    const decoded = await timer.time('decode', () => decodeImage(image));
    const src = { width: decoded.rgb.width, height: decoded.rgb.height };
    const inSize = capSize(src.width, src.height, Math.floor((options.maxOutputSide ?? MAX_OUTPUT_SIDE) / scale));
    const rgb = await timer.time('pre', () => resizeRgb(decoded.rgb, inSize));
    const chw = await timer.time('pre', () => rgbToChw(rgb, k, offset));
    const tiled = await runTiled(
      chw,
      3,
      rgb.width,
      rgb.height,
      // Padding up to a tile only pays for a session without the arena (one memory plan, tiling.ts `fixed`).
      { fixed: this.arenaFree && (v.padToTile ?? false), ...(options.tiling ?? this.tiling), scale: v.netScale },
      abortable(imageModelTile(this.runner, this.manifest, v.file, undefined, timer), options.signal),
    );
    return timer.time('post', async () => {
      let out = chwToRgb(tiled.data, tiled.width, tiled.height, k, offset);
      const target = { width: rgb.width * scale, height: rgb.height * scale };
      if (v.netScale !== scale) out = await resizeRgb(out, target);
      const alpha = decoded.alpha ? await resizePlane(decoded.alpha, src, target) : null;
      return { rgb: out, alpha };
    });
  }
}
