import * as ort from 'onnxruntime-node';
import type { ModelManifest, Preprocessing } from '@atelier/models';
import type { ModelRunner } from '../runner';
import { abortable, runTiled, type TileFn, type TileOptions } from '../tiling';
import { NO_TIMER, type Timer } from '../phase-timer';
import { modelInputSize } from '../image-tensor';
import { chwToRgb, decodeImage, resizePlane, resizeRgb, rgbToChw, type DecodedImage, type ImageSource } from '../pixels';

/**
 * What every adapter reads from its manifest (models/src/manifest.schema.ts): the one source of its sizes,
 * value scales, tiles, classes and tensor names.
 */

/** A preprocessing field the model's tool reads; the manifest schema requires it, so a miss is a bug. */
export function preprocessing<K extends keyof Preprocessing>(manifest: ModelManifest, key: K): NonNullable<Preprocessing[K]> {
  const value = manifest.preprocessing[key];
  if (value === undefined) throw new Error(`${manifest.id}: manifest has no preprocessing.${key}`);
  return value as NonNullable<Preprocessing[K]>;
}

/** `rgbToChw` / `chwToRgb`'s `v · scale + offset` for the manifest's `normalise` ((v − mean) / std). */
export function valueScale(manifest: ModelManifest): { scale: number; offset: number } {
  const { mean, std } = manifest.preprocessing.normalise;
  return { scale: 1 / std, offset: -mean / std };
}

/** The manifest's tile, in tiling.ts's terms (tile offsets on the model's stride). */
export function tileOptions(manifest: ModelManifest): TileOptions {
  const { size, overlap, margin } = preprocessing(manifest, 'tile');
  return { tile: size, overlap, margin, ...(manifest.preprocessing.multipleOf ? { multiple: manifest.preprocessing.multipleOf } : {}) };
}

/** The tensor names of one file, in the manifest's order: the image is the first input, the result the first output. */
export function tensorNames(manifest: ModelManifest, file: string): { inputs: string[]; outputs: string[] } {
  const io = manifest.io.find((c) => c.files.includes(file));
  if (!io) throw new Error(`${manifest.id}: manifest lists no tensors for ${file}`);
  return { inputs: io.inputs.map((t) => t.name), outputs: io.outputs.map((t) => t.name) };
}

/** A single-image-input, single-output model file as a tile function: planar CHW in, planar CHW out. */
export function imageModelTile(
  runner: ModelRunner,
  manifest: ModelManifest,
  file: string,
  extraFeeds: () => Record<string, ort.Tensor> = () => ({}),
  timer: Timer = NO_TIMER,
): TileFn {
  const { inputs, outputs } = tensorNames(manifest, file);
  const [input, output] = [inputs[0]!, outputs[0]!];
  return async (tile, width, height) => {
    const out = await timer.time('run', () =>
      runner.run(manifest.id, file, { [input]: new ort.Tensor('float32', tile, [1, tile.length / (width * height), height, width]), ...extraFeeds() }, [output]),
    );
    const tensor = out[output];
    if (!tensor) throw new Error(`${manifest.id}/${file} returned no ${output}`);
    return tensor.data as Float32Array;
  };
}

/** A zero image of the given size, for warm-up runs. */
export const blankTile = (channels: number, width: number, height: number) => new Float32Array(channels * width * height);

/** The image-to-image models that keep the canvas's size and transparency (cartoon, fixed styles): their manifest's sizes. */
export interface CanvasModelSizes {
  maxSide: number;
  multiple: number;
  tiling: TileOptions;
  values: { scale: number; offset: number };
}

export function canvasModelSizes(manifest: ModelManifest): CanvasModelSizes {
  return { maxSide: preprocessing(manifest, 'maxSide'), multiple: preprocessing(manifest, 'multipleOf'), tiling: tileOptions(manifest), values: valueScale(manifest) };
}

/**
 * Runs such a model over the canvas: resized to multiples of `multiple` with its long side capped, tiled,
 * clamped back to bytes, and the canvas's own alpha resized to the output.
 */
export async function renderCanvas(
  image: ImageSource,
  sizes: CanvasModelSizes,
  tile: TileFn,
  timer: Timer,
  tiling = sizes.tiling,
  signal?: AbortSignal,
): Promise<DecodedImage> {
  const { scale, offset } = sizes.values;
  const own = await timer.time('decode', () => decodeImage(image));
  const src = { width: own.rgb.width, height: own.rgb.height };
  const size = modelInputSize(src.width, src.height, sizes.maxSide, sizes.multiple);
  const chw = await timer.time('pre', async () => rgbToChw(await resizeRgb(own.rgb, size), scale, offset));
  const out = await runTiled(chw, 3, size.width, size.height, tiling, abortable(tile, signal));
  return timer.time('post', async () => ({
    rgb: chwToRgb(out.data, out.width, out.height, scale, offset),
    alpha: own.alpha ? await resizePlane(own.alpha, src, size) : null,
  }));
}
