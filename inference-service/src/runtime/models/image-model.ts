import * as ort from 'onnxruntime-node';
import type { ModelRunner } from '../runner';
import type { TileFn } from '../tiling';
import { NO_TIMER, type Timer } from '../phase-timer';

/** A single-input, single-output image model as a tile function: planar CHW in, planar CHW out. */
export function imageModelTile(
  runner: ModelRunner,
  modelId: string,
  file: string,
  names: { input: string; output: string },
  extraFeeds: () => Record<string, ort.Tensor> = () => ({}),
  timer: Timer = NO_TIMER,
): TileFn {
  return async (tile, width, height) => {
    const out = await timer.time('run', () =>
      runner.run(
        modelId,
        file,
        { [names.input]: new ort.Tensor('float32', tile, [1, tile.length / (width * height), height, width]), ...extraFeeds() },
        [names.output],
      ),
    );
    const tensor = out[names.output];
    if (!tensor) throw new Error(`${modelId}/${file} returned no ${names.output}`);
    return tensor.data as Float32Array;
  };
}

/** A zero image of the given size, for warm-up runs. */
export const blankTile = (channels: number, width: number, height: number) => new Float32Array(channels * width * height);
