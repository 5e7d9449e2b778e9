import { HttpError } from '@atelier/common/errors';
import { sha256Hex } from '@atelier/common/hash';
import { sniffImageFormat } from '@atelier/common/image-format';
import type { CanvasDocument, WorkLayer } from '@atelier/contracts/canvas.schema';
import { remixIdsOf } from '@atelier/contracts/canvas';
import type { PlacedImage } from '@atelier/contracts/creation.schema';
import type { Remix } from '@atelier/contracts/remix.schema';
import { creationWorkUses } from '@atelier/contracts/tools';
import { imageLayersOf, planRender, textInks, type LayerImage, type TextInk, type RenderPlan } from './canvas-render';

/**
 * Binds an uploaded picture to the canvas document it was sent with (issue 13, item 3): the server draws the
 * document itself (canvas-render.ts) from the images it holds (the works' renditions and details, the remixes'
 * outputs) and refuses an upload that differs from its own render beyond a stated tolerance. Provenance then
 * credits what the picture shows, not what a document claims.
 *
 * The comparison: both pictures at the render size (the upload flattened on white and resampled to it), cut into
 * a grid of COMPARE_CELLS cells along the long side; each cell's mean colour; per cell the distance between the two
 * means (RGB, 0 = the same colour, 1 = black against white). Two scores:
 *  - `mean`: the average cell distance over the whole picture (a different picture altogether);
 *  - `worst`: the largest average over any COMPARE_WINDOW × COMPARE_WINDOW block of cells (one work swapped for
 *    another, or a work painted out, in one part of the canvas).
 * Honest differences (anti-aliasing, the browser's resampling, WebP/JPEG re-encoding of works, an export at another
 * scale) move cell means a little; a different picture moves them a lot. Text, drawn in faces the server lacks, gets
 * a bounded leniency in its area (`compareImages` with `UnderText`).
 */

/** Cells along the long side of the picture. */
export const COMPARE_CELLS = 32;
/** Cells along each side of the block `worst` is measured over: 1/8 of the long side. */
export const COMPARE_WINDOW = 4;
/**
 * The tolerance: an upload whose `mean` is above MAX_MEAN_DISTANCE, or whose `worst` is above MAX_WINDOW_DISTANCE,
 * is refused. Measured by tests/integration/image-binding.test.ts (the table in gallery-api/README.md "Image
 * binding"): real studio exports score mean ≤ 0.008, worst ≤ 0.05; the mildest forgery (one of three works swapped)
 * mean 0.047, worst 0.41; a flat or unrelated picture mean ≥ 0.3, worst ≥ 0.6.
 */
export const MAX_MEAN_DISTANCE = 0.08;
export const MAX_WINDOW_DISTANCE = 0.2;

export interface BindingScore {
  mean: number;
  worst: number;
}

/** One exact image file of a collection work that the canvas showed and the server drew. */
export interface PlacedWorkImage extends PlacedImage {
  workId: string;
}

/** A picture that passed: its scores, and the works' image files it was checked against (for provenance). */
export interface BindingResult extends BindingScore {
  placed: PlacedWorkImage[];
}

/** Raw RGB pixels, 3 bytes a pixel, row by row. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Draws paint operations and reads uploads (repositories/canvas-painter.ts: sharp). */
export interface CanvasPainter {
  /** The pixel size of an image (any format sharp reads) and whether it has no alpha; throws when it is not an image. */
  measure(bytes: Uint8Array): Promise<{ width: number; height: number; opaque: boolean }>;
  /** The plan on white, as raw RGB at its size. */
  paint(plan: RenderPlan): Promise<RgbImage>;
  /** An image flattened on white and resampled to exactly width × height, as raw RGB. */
  sample(image: Uint8Array, width: number, height: number): Promise<RgbImage>;
}

/** The images a canvas shows, as the studio loaded them. */
export interface CanvasImages {
  /** A work layer's image: the work's working rendition, or its detail as the studio asks for it; null when not stored. */
  workImage(layer: WorkLayer): Promise<Uint8Array | null>;
  /** A completed remix's output (its sha256 checked); null when it can no longer be read. */
  remixOutput(remix: Remix, visitor: string, draftCode?: string): Promise<Uint8Array | null>;
}

export interface BindingRequest {
  document: CanvasDocument;
  /** The cleaned upload or its working rendition (publish's `images.prepare`): any size, compared at the render's. */
  upload: Uint8Array;
  /** The completed remixes the document's remix layers name. */
  remixes: readonly Remix[];
  /** The publishing visitor's credential, to read their remixes' outputs. */
  visitor: string;
  draftCode?: string;
}

export class ImageBinding {
  constructor(private readonly deps: { images: CanvasImages; painter: CanvasPainter }) {}

  /**
   * The upload's scores against the server's render, or a 422 in the one error shape: `image_mismatch` when it
   * differs beyond the tolerance, `canvas_unrenderable` when a layer's image cannot be read or is scaled past
   * MAX_BOX_FACTOR (the server cannot vouch for a picture it cannot draw: the visitor removes that layer and
   * publishes again), `work_not_shown` when a credited work is on no drawn layer (`worksNotShown`).
   */
  async check(req: BindingRequest): Promise<BindingResult> {
    const { images, placed } = await this.layerImages(req);
    const plan = planRender(req.document, images);
    if (plan.oversized.length)
      throw new HttpError(422, 'canvas_unrenderable', 'Part of the canvas is scaled far beyond its edges and cannot be drawn: make it smaller or remove it, and publish again.', {
        layerIds: plan.oversized,
      });
    const notShown = worksNotShown(req.document, req.remixes, new Set([...plan.paints.map((p) => p.layerId), ...plan.covered]));
    if (notShown.length)
      throw new HttpError(
        422,
        'work_not_shown',
        'The canvas credits works that the picture does not show (their layers are hidden, transparent or outside the canvas): show them or remove them, and publish again.',
        { workIds: notShown },
      );
    const texts = textInks(req.document);
    const textIds = new Set(texts.map((t) => t.layerId));
    const [ours, theirs, background] = await Promise.all([
      this.deps.painter.paint(plan),
      this.deps.painter.sample(req.upload, plan.width, plan.height),
      texts.length ? this.deps.painter.paint({ ...plan, paints: plan.paints.filter((p) => !textIds.has(p.layerId)) }) : null,
    ]);
    const score = compareImages(ours, theirs, background ? { background, texts } : undefined);
    if (!withinTolerance(score))
      throw new HttpError(
        422,
        'image_mismatch',
        'The picture does not match the canvas it was sent with, so its provenance cannot be vouched for. Publish again from the studio.',
        { mean: round(score.mean), worst: round(score.worst), maxMean: MAX_MEAN_DISTANCE, maxWorst: MAX_WINDOW_DISTANCE },
      );
    return { ...score, placed };
  }

  private async layerImages(req: BindingRequest): Promise<{ images: Map<string, LayerImage>; placed: PlacedWorkImage[] }> {
    const remixes = new Map(req.remixes.map((r) => [r.id, r]));
    const layers = imageLayersOf(req.document);
    // One read per distinct image: a work placed five times is read once.
    const reads = new Map<string, Promise<LayerImage | null>>();
    const read = (key: string, load: () => Promise<Uint8Array | null>) => {
      let p = reads.get(key);
      if (!p)
        reads.set(
          key,
          (p = load().then(async (bytes) => {
            const size = bytes ? await this.deps.painter.measure(bytes).catch(() => null) : null;
            return bytes && size ? { bytes, ...size } : null;
          })),
        );
      return p;
    };
    const found = await Promise.all(
      layers.map((l) => {
        const remix = l.kind === 'remix' ? remixes.get(l.remixId) : undefined;
        if (l.kind === 'work') return read(`work ${l.workId} ${JSON.stringify(l.region ?? null)}`, () => this.deps.images.workImage(l));
        return remix ? read(`remix ${remix.id}`, () => this.deps.images.remixOutput(remix, req.visitor, req.draftCode)) : null;
      }),
    );
    const missing = layers.filter((_, i) => !found[i]).map((l) => l.id);
    if (missing.length)
      throw new HttpError(422, 'canvas_unrenderable', 'Part of the canvas can no longer be drawn (an image that is not stored any more): remove it and publish again.', {
        layerIds: missing,
      });
    const images = new Map(layers.map((l, i) => [l.id, found[i]!]));
    // Each distinct work image once, in layer order: the exact bytes the credit's picture was checked against.
    const placed = new Map<string, PlacedWorkImage>();
    layers.forEach((l, i) => {
      const image = found[i]!;
      const key = l.kind === 'work' ? `${l.workId} ${JSON.stringify(l.region ?? null)}` : null;
      if (l.kind !== 'work' || !key || placed.has(key)) return;
      placed.set(key, {
        workId: l.workId,
        sha256: sha256Hex(image.bytes),
        mediaType: mediaTypeOf(image.bytes),
        width: image.width,
        height: image.height,
        ...(l.region ? { region: { x: l.region.x, y: l.region.y, w: l.region.w, h: l.region.h } } : {}),
      });
    });
    return { images, placed: [...placed.values()] };
  }
}

/**
 * The collection works the document's layers credit (contracts' `creationWorkUses`: work layers, and each remix
 * layer's works) that no drawn layer accounts for: a layer that is hidden, fully transparent, of no size or wholly
 * outside the canvas shows nothing, so the picture is no evidence for its credit. A work shown by another layer (a
 * hidden work whose cut-out is on the canvas) is shown.
 */
export function worksNotShown(doc: CanvasDocument, remixes: readonly Remix[], drawn: ReadonlySet<string>): string[] {
  const onCanvas = new Set(remixIdsOf(doc));
  const layerRemixes = remixes.filter((r) => onCanvas.has(r.id));
  const claimed = creationWorkUses(doc, layerRemixes).composed;
  const shownDoc = { layers: doc.layers.filter((l) => drawn.has(l.id)) };
  const shownRemixIds = new Set(remixIdsOf(shownDoc));
  const shown = new Set(creationWorkUses(shownDoc, layerRemixes.filter((r) => shownRemixIds.has(r.id))).composed);
  return claimed.filter((id) => !shown.has(id));
}

export const withinTolerance = (s: BindingScore): boolean => s.mean <= MAX_MEAN_DISTANCE && s.worst <= MAX_WINDOW_DISTANCE;

/** The grid of a picture of this size: cell side in pixels and cells across and down. */
export function compareGrid(width: number, height: number): { cell: number; cols: number; rows: number } {
  const cell = Math.max(1, Math.round(Math.max(width, height) / COMPARE_CELLS));
  return { cell, cols: Math.ceil(width / cell), rows: Math.ceil(height / cell) };
}

/** Mean colour of each grid cell, [r, g, b] per cell, row by row. */
export function cellMeans(img: RgbImage): Float64Array {
  const { cell, cols, rows } = compareGrid(img.width, img.height);
  const sums = new Float64Array(cols * rows * 3);
  const counts = new Float64Array(cols * rows);
  for (let y = 0; y < img.height; y++) {
    const row = Math.floor(y / cell) * cols;
    for (let x = 0; x < img.width; x++) {
      const c = row + Math.floor(x / cell);
      const i = (y * img.width + x) * 3;
      sums[c * 3]! += img.data[i]!;
      sums[c * 3 + 1]! += img.data[i + 1]!;
      sums[c * 3 + 2]! += img.data[i + 2]!;
      counts[c]! += 1;
    }
  }
  for (let c = 0; c < counts.length; c++) for (let k = 0; k < 3; k++) sums[c * 3 + k]! /= counts[c] || 1;
  return sums;
}

const MAX_RGB_DISTANCE = 255 * Math.sqrt(3);

/**
 * How much more of a cell a text's letters may cover in the upload than in the server's render: the visitor's
 * device draws text in its own faces (wider, narrower, another baseline), which the server cannot have.
 */
export const TEXT_COVERAGE_SLACK = 0.35;

/** Text over the picture: the server's render without its text layers, and where each text's letters may lie. */
export interface UnderText {
  background: RgbImage;
  texts: readonly TextInk[];
}

/**
 * The two scores of two pictures of the same size (see the top of this file). Under text (`under`), a cell of the
 * upload may also be the background mixed with the text's ink by up to TEXT_COVERAGE_SLACK more than the server's
 * letters cover there: a font difference is forgiven, a picture painted over in the ink colour is not.
 */
export function compareImages(a: RgbImage, b: RgbImage, under?: UnderText): BindingScore {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`cannot compare ${a.width}×${a.height} with ${b.width}×${b.height}`);
  const { cell, cols, rows } = compareGrid(a.width, a.height);
  const ma = cellMeans(a);
  const mb = cellMeans(b);
  const bg = under ? cellMeans(under.background) : null;
  const d = new Float64Array(cols * rows);
  let total = 0;
  for (let c = 0; c < d.length; c++) {
    const A = [ma[c * 3]!, ma[c * 3 + 1]!, ma[c * 3 + 2]!];
    const U = [mb[c * 3]!, mb[c * 3 + 1]!, mb[c * 3 + 2]!];
    let dist = distance(A, U);
    if (under && bg) {
      const centre: [number, number] = [((c % cols) + 0.5) * cell, (Math.floor(c / cols) + 0.5) * cell];
      const B = [bg[c * 3]!, bg[c * 3 + 1]!, bg[c * 3 + 2]!];
      for (const t of under.texts) if (inside(centre, t.corners)) dist = Math.min(dist, inkMixDistance(A, B, U, t));
    }
    d[c] = dist / MAX_RGB_DISTANCE;
    total += d[c]!;
  }
  const wc = Math.min(COMPARE_WINDOW, cols);
  const wr = Math.min(COMPARE_WINDOW, rows);
  let worst = 0;
  for (let r0 = 0; r0 + wr <= rows; r0++)
    for (let c0 = 0; c0 + wc <= cols; c0++) {
      let s = 0;
      for (let r = r0; r < r0 + wr; r++) for (let c = c0; c < c0 + wc; c++) s += d[r * cols + c]!;
      worst = Math.max(worst, s / (wr * wc));
    }
  return { mean: total / d.length, worst };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

function distance(p: number[], q: number[]): number {
  return Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!, p[2]! - q[2]!);
}

/**
 * The distance from the upload's cell U to the nearest mix of the background B with the text's ink, at no more
 * coverage than the server's letters have there (A's share of the way from B to the ink) plus the slack.
 */
function inkMixDistance(A: number[], B: number[], U: number[], t: TextInk): number {
  const v = [0, 1, 2].map((k) => t.ink[k]! - B[k]!);
  const vv = v[0]! * v[0]! + v[1]! * v[1]! + v[2]! * v[2]!;
  if (vv < 1) return distance(A, U);
  const along = (p: number[]) => ((p[0]! - B[0]!) * v[0]! + (p[1]! - B[1]!) * v[1]! + (p[2]! - B[2]!) * v[2]!) / vv;
  const ours = Math.min(1, Math.max(0, along(A)));
  const most = Math.min(t.opacity, ours + TEXT_COVERAGE_SLACK);
  const k = Math.min(most, Math.max(0, along(U)));
  return distance(U, [B[0]! + k * v[0]!, B[1]! + k * v[1]!, B[2]! + k * v[2]!]);
}

/** Whether a point lies in a convex quadrilateral given as box corners (top-left, top-right, bottom-left, bottom-right). */
function inside(p: [number, number], c: [number, number][]): boolean {
  const ring = [c[0]!, c[1]!, c[3]!, c[2]!];
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % 4]!;
    const cross = (x2 - x1) * (p[1] - y1) - (y2 - y1) * (p[0] - x1);
    if (cross !== 0) {
      if (sign !== 0 && Math.sign(cross) !== sign) return false;
      sign = Math.sign(cross);
    }
  }
  return true;
}

function mediaTypeOf(bytes: Uint8Array): string {
  const format = sniffImageFormat(bytes);
  return format ? `image/${format}` : 'application/octet-stream';
}
