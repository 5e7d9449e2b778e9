import type { CanvasDocument, Stroke, StrokesLayer, TextLayer } from '@atelier/contracts/canvas.schema';
import type { TextFont } from '@atelier/contracts/canvas';

/**
 * The canvas document drawn the way the studio draws it (studio-web/src/canvas/render: a white background, then the
 * layers bottom to top as Konva nodes), as a list of paint operations at a reduced size. Pure: image bytes come in
 * already read, a painter (repositories/canvas-painter.ts, sharp) turns the operations into pixels.
 */

/** The long side of the server's render, in pixels: enough for strokes and details, cheap to composite. */
export const RENDER_LONG_SIDE = 256;

/** An image placed on the canvas, in render pixels, turned about its top-left corner as Konva turns a node. */
export interface ImagePaint {
  kind: 'image';
  layerId: string;
  bytes: Uint8Array;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Degrees, clockwise. */
  rotation: number;
  opacity: number;
  /** Mirrored (a negative scale or size, as Konva draws it): the box then reaches left of x, or above y. */
  flipX: boolean;
  flipY: boolean;
}

/**
 * Vector pieces (SVG documents of the whole canvas at render size) drawn into one transparent layer in order, an
 * eraser piece clearing what is beneath it in that layer only (`destination-out`), then laid on the canvas.
 */
export interface VectorPaint {
  kind: 'vector';
  layerId: string;
  pieces: { svg: string; erase: boolean }[];
  opacity: number;
}

export type Paint = ImagePaint | VectorPaint;

export interface RenderPlan {
  width: number;
  height: number;
  paints: Paint[];
  /** Image layers too large to draw (more than MAX_BOX_FACTOR times the canvas's long side). */
  oversized: string[];
  /** Layers that would be drawn but lie wholly under an opaque image covering the canvas: left out of `paints`. */
  covered: string[];
}

/** An image layer's box may be this many times the canvas's long side; past it the server does not draw it. */
export const MAX_BOX_FACTOR = 8;

/** The pixels of a layer's image (its working rendition, detail or remix output) and their size. */
export interface LayerImage {
  bytes: Uint8Array;
  width: number;
  height: number;
  /** The image has no alpha channel (so it hides what is beneath it where it lies). */
  opaque?: boolean;
}

/** The render's size: the document scaled so that its long side is RENDER_LONG_SIDE (never enlarged). */
export function renderSize(doc: Pick<CanvasDocument, 'width' | 'height'>, longSide = RENDER_LONG_SIDE): { width: number; height: number; scale: number } {
  const scale = Math.min(1, longSide / Math.max(doc.width, doc.height));
  return { width: Math.max(1, Math.round(doc.width * scale)), height: Math.max(1, Math.round(doc.height * scale)), scale };
}

/**
 * The paint operations of a document. `images` holds the image of each visible work and remix layer by layer id;
 * a layer without one is not planned (the caller decides what an image it could not read means).
 */
export function planRender(doc: CanvasDocument, images: ReadonlyMap<string, LayerImage>, longSide = RENDER_LONG_SIDE): RenderPlan {
  const { width, height, scale: s } = renderSize(doc, longSide);
  const paints: Paint[] = [];
  const oversized: string[] = [];
  const drawnLayerIds: string[] = [];
  const draw = (p: Paint) => {
    paints.push(p);
    drawnLayerIds.push(p.layerId);
  };
  for (const l of doc.layers) {
    if (l.visible === false) continue;
    const opacity = l.opacity ?? 1;
    if (l.kind === 'work' || l.kind === 'remix') {
      const img = images.get(l.id);
      if (!img || opacity <= 0) continue;
      // A work's scale is relative to the image the studio loaded; a remix is stretched to its layer's box.
      const w = (l.kind === 'work' ? img.width * l.scale : l.width) * s;
      const h = (l.kind === 'work' ? img.height * l.scale : l.height) * s;
      const paint: ImagePaint = { kind: 'image', layerId: l.id, bytes: img.bytes, x: l.x * s, y: l.y * s, width: Math.abs(w), height: Math.abs(h), rotation: l.rotation ?? 0, opacity, flipX: w < 0, flipY: h < 0 };
      if (Math.max(paint.width, paint.height) > MAX_BOX_FACTOR * Math.max(width, height)) oversized.push(l.id);
      else if (paint.width >= 0.5 && paint.height >= 0.5 && onCanvas(paint, width, height)) {
        // An opaque image over the whole canvas hides everything beneath it: nothing below need be decoded.
        if (img.opaque && opacity === 1 && coversCanvas(paint, width, height)) paints.splice(0, paints.length);
        draw(paint);
      }
    } else if (l.kind === 'strokes') {
      const pieces = strokePieces(l, doc, width, height);
      if (pieces.length) draw({ kind: 'vector', layerId: l.id, pieces, opacity });
    } else {
      draw({ kind: 'vector', layerId: l.id, pieces: [{ svg: textSvg(l, doc, width, height), erase: false }], opacity });
    }
  }
  const painted = new Set(paints.map((p) => p.layerId));
  const covered = drawnLayerIds.filter((id) => !painted.has(id));
  return { width, height, paints, oversized, covered };
}

/** Whether a box turned by a multiple of 90° covers the whole canvas. */
function coversCanvas(p: ImagePaint, width: number, height: number): boolean {
  if (p.rotation % 90 !== 0) return false;
  const c = boxCorners(p);
  const xs = c.map((q) => q[0]);
  const ys = c.map((q) => q[1]);
  const eps = 1e-6;
  return Math.min(...xs) <= eps && Math.min(...ys) <= eps && Math.max(...xs) >= width - eps && Math.max(...ys) >= height - eps;
}

/**
 * The corners of an image's box on the canvas: turned about (x, y) clockwise, reaching left of x or above y when
 * mirrored, as Konva places a node.
 */
export function boxCorners(p: Pick<ImagePaint, 'x' | 'y' | 'width' | 'height' | 'rotation' | 'flipX' | 'flipY'>): [number, number][] {
  const t = (p.rotation * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const w = p.flipX ? -p.width : p.width;
  const h = p.flipY ? -p.height : p.height;
  return [
    [0, 0],
    [w, 0],
    [0, h],
    [w, h],
  ].map(([u, v]) => [p.x + u! * cos - v! * sin, p.y + u! * sin + v! * cos]);
}

/** Whether any of the box lies on the canvas (its turned bounding box meets the canvas). */
function onCanvas(p: ImagePaint, width: number, height: number): boolean {
  const c = boxCorners(p);
  const xs = c.map((q) => q[0]);
  const ys = c.map((q) => q[1]);
  return Math.max(...xs) > 0 && Math.min(...xs) < width && Math.max(...ys) > 0 && Math.min(...ys) < height;
}

/** The image layers whose pixels a render needs, in layer order: visible work and remix layers. */
export function imageLayersOf(doc: CanvasDocument) {
  return doc.layers.filter((l) => l.visible !== false && (l.kind === 'work' || l.kind === 'remix')) as Extract<CanvasDocument['layers'][number], { kind: 'work' | 'remix' }>[];
}

/**
 * A strokes layer as runs of strokes and of erasers, each one SVG: Konva draws the group into its own cache, where an
 * eraser (`destination-out`) clears only the strokes drawn before it in this layer.
 */
function strokePieces(layer: StrokesLayer, doc: CanvasDocument, width: number, height: number): VectorPaint['pieces'] {
  const runs: { erase: boolean; strokes: Stroke[] }[] = [];
  for (const st of layer.strokes) {
    if (st.points.length < 2) continue;
    const erase = st.erase === true;
    const last = runs[runs.length - 1];
    if (last && last.erase === erase) last.strokes.push(st);
    else runs.push({ erase, strokes: [st] });
  }
  while (runs[0]?.erase) runs.shift(); // an eraser over nothing clears nothing
  return runs.map((r) => ({ erase: r.erase, svg: svgDoc(doc, width, height, r.strokes.map((st) => strokePath(st, r.erase)).join('')) }));
}

function svgDoc(doc: Pick<CanvasDocument, 'width' | 'height'>, width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${doc.width} ${doc.height}" preserveAspectRatio="none">${body}</svg>`;
}

/** One stroke as the studio's `StrokeLine`: round caps and joins, Konva's tension 0.4 curve through its points. */
function strokePath(st: Stroke, erase: boolean): string {
  const colour = erase ? '#000000' : st.color;
  return `<path d="${strokePathData(st.points)}" fill="none" stroke="${attr(colour)}" stroke-width="${num(st.size)}" stroke-linecap="round" stroke-linejoin="round"/>`;
}

/** The studio's stroke tension (nodes.tsx `StrokeLine`). */
export const STROKE_TENSION = 0.4;

/**
 * SVG path data of an open Konva.Line with `tension` (konva/lib/shapes/Line.js: `expandPoints`, then one quadratic,
 * cubics, one quadratic); without tension, or with two points, straight segments.
 */
export function strokePathData(points: readonly number[], tension = STROKE_TENSION): string {
  const n = points.length - (points.length % 2);
  if (n < 2) return '';
  const p = points.slice(0, n);
  const parts = [`M${num(p[0]!)} ${num(p[1]!)}`];
  if (n === 2) {
    parts.push(`L${num(p[0]!)} ${num(p[1]!)}`); // a dot: a zero-length segment with round caps
    return parts.join('');
  }
  if (tension === 0 || n <= 4) {
    for (let i = 2; i < n; i += 2) parts.push(`L${num(p[i]!)} ${num(p[i + 1]!)}`);
    return parts.join('');
  }
  const tp = expandPoints(p, tension);
  const len = tp.length;
  parts.push(`Q${num(tp[0]!)} ${num(tp[1]!)} ${num(tp[2]!)} ${num(tp[3]!)}`);
  let i = 4;
  while (i < len - 2) {
    parts.push(`C${tp.slice(i, i + 6).map(num).join(' ')}`);
    i += 6;
  }
  parts.push(`Q${num(tp[len - 2]!)} ${num(tp[len - 1]!)} ${num(p[n - 2]!)} ${num(p[n - 1]!)}`);
  return parts.join('');
}

function controlPoints(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, t: number): number[] {
  const d01 = Math.hypot(x1 - x0, y1 - y0);
  const d12 = Math.hypot(x2 - x1, y2 - y1);
  const sum = d01 + d12;
  if (sum === 0) return [x1, y1, x1, y1];
  const fa = (t * d01) / sum;
  const fb = (t * d12) / sum;
  return [x1 - fa * (x2 - x0), y1 - fa * (y2 - y0), x1 + fb * (x2 - x0), y1 + fb * (y2 - y0)];
}

function expandPoints(p: readonly number[], t: number): number[] {
  const out: number[] = [];
  for (let n = 2; n < p.length - 2; n += 2) {
    const cp = controlPoints(p[n - 2]!, p[n - 1]!, p[n]!, p[n + 1]!, p[n + 2]!, p[n + 3]!, t);
    if (Number.isNaN(cp[0])) continue;
    out.push(cp[0]!, cp[1]!, p[n]!, p[n + 1]!, cp[2]!, cp[3]!);
  }
  return out;
}

/** A text layer's ink and the area its letters may take in any face, for the comparison's leniency under text. */
export interface TextInk {
  layerId: string;
  /** Corners of the area (render pixels): generous, as fonts differ in width from device to device. */
  corners: [number, number][];
  ink: [number, number, number];
  opacity: number;
}

/** Widest advance of a character, as a share of the font size, the text area allows for (wide faces stay under it). */
const TEXT_ADVANCE = 0.75;

/** The visible text layers with a colour the server can read (#rgb, #rrggbb, rgb()), and where their letters may lie. */
export function textInks(doc: CanvasDocument, longSide = RENDER_LONG_SIDE): TextInk[] {
  const { scale: s } = renderSize(doc, longSide);
  return doc.layers.flatMap((l) => {
    if (l.kind !== 'text' || l.visible === false || (l.opacity ?? 1) <= 0) return [];
    const ink = parseColour(l.color);
    if (!ink) return [];
    const lines = l.text.split('\n');
    const m = l.size / 2;
    const w = Math.max(...lines.map((t) => t.length)) * l.size * TEXT_ADVANCE + 2 * m;
    const h = lines.length * l.size + m;
    const box = { x: 0, y: 0, width: w * l.scale * s, height: h * l.scale * s, rotation: l.rotation, flipX: false, flipY: false };
    const shift = boxCorners({ ...box, width: -m * l.scale * s, height: -(m / 2) * l.scale * s });
    const [dx, dy] = shift[3]!;
    const corners = boxCorners({ ...box, x: l.x * s + dx, y: l.y * s + dy });
    return [{ layerId: l.id, corners, ink, opacity: l.opacity ?? 1 }];
  });
}

export function parseColour(c: string): [number, number, number] | null {
  const v = c.trim().toLowerCase();
  let m = /^#([0-9a-f]{3})$/.exec(v);
  if (m) return [0, 1, 2].map((i) => parseInt(m![1]![i]! + m![1]![i]!, 16)) as [number, number, number];
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/.exec(v);
  if (m) return [0, 2, 4].map((i) => parseInt(m![1]!.slice(i, i + 2), 16)) as [number, number, number];
  m = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(,\s*[\d.]+\s*)?\)$/.exec(v);
  if (m) return [m[1], m[2], m[3]].map((x) => Math.min(255, Number(x))) as [number, number, number];
  return null;
}

/**
 * Generic families for the studio's fonts: the studio's stacks (render/fonts.ts) end in these, and the server has
 * no browser's fonts anyway; a text drawn in another face differs little at the comparison's scale.
 */
const GENERIC_FONT: Record<TextFont, string> = { sans: 'sans-serif', serif: 'serif', mono: 'monospace', hand: 'cursive' };

/**
 * A text layer as Konva.Text draws it: lines one font size apart (lineHeight 1), each vertically centred on its
 * line box (the alphabetic baseline about 0.85 of the size below the line's top), turned and scaled about x, y.
 */
function textSvg(l: TextLayer, doc: CanvasDocument, width: number, height: number): string {
  const lines = l.text.split('\n');
  const spans = lines
    .map((line, i) => `<text x="0" y="${num(i * l.size + l.size * 0.85)}" xml:space="preserve">${xml(line)}</text>`)
    .join('');
  const g = `<g transform="translate(${num(l.x)} ${num(l.y)}) rotate(${num(l.rotation)}) scale(${num(l.scale)})" font-family="${GENERIC_FONT[l.font]}" font-size="${num(l.size)}" fill="${attr(l.color)}">${spans}</g>`;
  return svgDoc(doc, width, height, g);
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(3).replace(/\.?0+$/, ''));
/** Text inside an element: nothing a visitor sends can open a tag or an entity. */
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** An attribute value (colours are free text on the wire): quoted, and nothing can close the quote. */
const attr = (s: string) => xml(s).replace(/"/g, '&quot;');
