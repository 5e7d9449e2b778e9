/**
 * Tiled inference for fully convolutional models: the image is cut into overlapping tiles, each tile runs
 * on its own, and the results are blended with linear ramps across the overlaps, so memory is bounded by
 * the tile size and there is no seam. See runtime/README.md for the numbers.
 */

export interface TileOptions {
  /** Input tile side in pixels (a multiple of `multiple`). */
  tile: number;
  /** Input pixels shared by two neighbouring tiles (a multiple of `multiple`, less than `tile`). */
  overlap: number;
  /** Output pixels per input pixel: 1 for style transfer, 2 or 4 for the upscalers. */
  scale?: number;
  /** Tile sizes and offsets are multiples of this (strided models sample in a fixed phase). */
  multiple?: number;
  /**
   * Input pixels at each inner tile edge that get no weight: the model saw zero padding there instead of
   * the neighbour's pixels. Keep 2 × margin < overlap.
   */
  margin?: number;
  /**
   * Tiles run at exactly `tile` × `tile`: a smaller image (or side) is mirror-padded up to it and the output
   * cropped. With onnxruntime's CPU arena off, a session keeps the memory plan of the first input shape it
   * ran and allocates tensor by tensor for any other shape (ESRGAN ×2: 557 vs 955 ms a 576² tile), so models
   * that run without the arena use one shape, warmed up at start. Padding costs pixels, so an image covering
   * less than FIXED_MIN_COVER of a tile runs at its own size (the slower path, on far fewer pixels).
   */
  fixed?: boolean;
}

/** Below this share of a tile's area, padding to the planned shape costs more than the unplanned run saves (≈0.6×). */
export const FIXED_MIN_COVER = 0.6;

/**
 * A tile function that refuses to start another tile once `signal` fired. onnxruntime-node cannot stop a
 * `session.run` under way (RunOptions.terminate is WebAssembly-only), so a cancelled or timed-out remix stops at the
 * next tile boundary instead of running every tile left while the next visitor waits.
 */
export function abortable(run: TileFn, signal: AbortSignal | undefined): TileFn {
  if (!signal) return run;
  return (tile, width, height) => {
    signal.throwIfAborted();
    return run(tile, width, height);
  };
}

/** Runs one tile: planar CHW input (`channels × h × w`) → planar CHW output (`outChannels × h·scale × w·scale`). */
export type TileFn = (tile: Float32Array, width: number, height: number) => Promise<Float32Array>;

export interface TiledImage {
  data: Float32Array;
  width: number;
  height: number;
  channels: number;
}

/** Where tiles start along one axis: evenly stepped, the last one flush with the end. */
export function tileStarts(length: number, tile: number, overlap: number, multiple = 1): number[] {
  if (length <= tile) return [0];
  const step = Math.max(multiple, Math.floor((tile - overlap) / multiple) * multiple);
  const starts: number[] = [];
  for (let s = 0; s + tile < length; s += step) starts.push(s);
  const last = Math.floor((length - tile) / multiple) * multiple;
  if (starts[starts.length - 1] !== last) starts.push(last);
  return starts;
}

/**
 * Weight of each output pixel of a tile along one axis: 1 inside, 0 for `margin` pixels at an inner edge,
 * then a linear ramp up to 1 across the rest of the overlap. Image edges are not ramped.
 */
function axisWeights(start: number, size: number, length: number, o: Required<TileOptions>): Float32Array {
  const n = size * o.scale;
  const margin = o.margin * o.scale;
  const ramp = Math.max(1, (o.overlap - 2 * o.margin) * o.scale);
  const w = new Float32Array(n);
  for (let d = 0; d < n; d++) {
    const left = start > 0 ? clamp01((d - margin + 0.5) / ramp) : 1;
    const right = start + size < length ? clamp01((n - 1 - d - margin + 0.5) / ramp) : 1;
    w[d] = Math.min(left, right);
  }
  return w;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

function extract(src: Float32Array, channels: number, width: number, height: number, x0: number, y0: number, w: number, h: number): Float32Array {
  const out = new Float32Array(channels * w * h);
  for (let c = 0; c < channels; c++)
    for (let y = 0; y < h; y++) {
      const from = c * width * height + (y0 + y) * width + x0;
      out.set(src.subarray(from, from + w), c * w * h + y * w);
    }
  return out;
}

/** Index `i` reflected into 0..n-1 without repeating the edge (… 2 1 0 1 2 … n-2 n-1 n-2 …). */
function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  const m = i % period;
  return m < n ? m : period - m;
}

/** Planar CHW `width × height` grown to `pw × ph` by mirroring at the right and bottom edges. */
function mirrorPad(src: Float32Array, channels: number, width: number, height: number, pw: number, ph: number): Float32Array {
  const out = new Float32Array(channels * pw * ph);
  const xs = Array.from({ length: pw - width }, (_, k) => reflect(width + k, width));
  for (let c = 0; c < channels; c++)
    for (let y = 0; y < ph; y++) {
      const from = c * width * height + reflect(y, height) * width;
      const to = c * pw * ph + y * pw;
      out.set(src.subarray(from, from + width), to);
      for (let k = 0; k < xs.length; k++) out[to + width + k] = src[from + xs[k]!]!;
    }
  return out;
}

/**
 * Runs `run` over the image tile by tile and blends the results. An image that fits in one tile is run
 * whole (padded to the tile with `fixed`), so small inputs give exactly the untiled result.
 */
export async function runTiled(
  input: Float32Array,
  channels: number,
  width: number,
  height: number,
  options: TileOptions,
  run: TileFn,
  outChannels = channels,
): Promise<TiledImage> {
  const o: Required<TileOptions> = { scale: 1, multiple: 1, margin: 0, fixed: false, ...options };
  if (o.overlap >= o.tile || 2 * o.margin >= o.overlap) throw new Error('tiling needs 2·margin < overlap < tile');
  const outW = width * o.scale;
  const outH = height * o.scale;
  const cover = (Math.min(width, o.tile) * Math.min(height, o.tile)) / (o.tile * o.tile);
  if (o.fixed && cover < 1 && cover >= FIXED_MIN_COVER) {
    const pw = Math.max(width, o.tile);
    const ph = Math.max(height, o.tile);
    const whole = await runTiled(mirrorPad(input, channels, width, height, pw, ph), channels, pw, ph, options, run, outChannels);
    return { data: extract(whole.data, outChannels, whole.width, whole.height, 0, 0, outW, outH), width: outW, height: outH, channels: outChannels };
  }
  if (width <= o.tile && height <= o.tile) {
    const data = await run(input, width, height);
    checkTile(data, outChannels, outW, outH);
    return { data, width: outW, height: outH, channels: outChannels };
  }
  const xs = tileStarts(width, o.tile, o.overlap, o.multiple);
  const ys = tileStarts(height, o.tile, o.overlap, o.multiple);
  const tw = Math.min(o.tile, width);
  const th = Math.min(o.tile, height);
  const wx = xs.map((x) => axisWeights(x, tw, width, o));
  const wy = ys.map((y) => axisWeights(y, th, height, o));
  // The grid is separable, so the summed weight at (X, Y) is sumX[X] · sumY[Y]: two lines, not a plane. Each
  // tile's weights are divided by them up front, so there is no pass over the whole output at the end, and where a
  // tile alone covers a pixel its weight is exactly 1 and its row is copied instead of multiplied in.
  const sumX = new Float32Array(outW);
  const sumY = new Float32Array(outH);
  xs.forEach((x, i) => wx[i]!.forEach((v, d) => (sumX[x * o.scale + d]! += v)));
  ys.forEach((y, j) => wy[j]!.forEach((v, d) => (sumY[y * o.scale + d]! += v)));
  const nx = wx.map((w, i) => w.map((v, d) => (v === 0 ? 0 : v / sumX[xs[i]! * o.scale + d]!)));
  const ny = wy.map((w, j) => w.map((v, d) => (v === 0 ? 0 : v / sumY[ys[j]! * o.scale + d]!)));
  // Per tile column: the span [a, b) of output columns where it alone counts.
  const spans = nx.map((w) => {
    let a = w.indexOf(1);
    if (a < 0) return [0, 0] as const;
    let b = a;
    while (b < w.length && w[b] === 1) b++;
    return [a, b] as const;
  });

  const out = new Float32Array(outChannels * outW * outH);
  const otw = tw * o.scale;
  const oth = th * o.scale;
  for (const [j, y0] of ys.entries())
    for (const [i, x0] of xs.entries()) {
      const tile = await run(extract(input, channels, width, height, x0, y0, tw, th), tw, th);
      checkTile(tile, outChannels, otw, oth);
      const ox = x0 * o.scale;
      const oy = y0 * o.scale;
      const rowW = nx[i]!;
      const colW = ny[j]!;
      const [a, b] = spans[i]!;
      for (let c = 0; c < outChannels; c++)
        for (let y = 0; y < oth; y++) {
          const wyv = colW[y]!;
          if (wyv === 0) continue;
          const src = c * otw * oth + y * otw;
          const dst = c * outW * outH + (oy + y) * outW + ox;
          if (wyv === 1 && b > a) {
            for (let x = 0; x < a; x++) out[dst + x]! += tile[src + x]! * rowW[x]!;
            out.set(tile.subarray(src + a, src + b), dst + a);
            for (let x = b; x < otw; x++) out[dst + x]! += tile[src + x]! * rowW[x]!;
          } else for (let x = 0; x < otw; x++) out[dst + x]! += tile[src + x]! * rowW[x]! * wyv;
        }
    }
  return { data: out, width: outW, height: outH, channels: outChannels };
}

function checkTile(data: Float32Array, channels: number, width: number, height: number) {
  if (data.length !== channels * width * height)
    throw new Error(`tile output has ${data.length} values, expected ${channels}×${width}×${height}`);
}
