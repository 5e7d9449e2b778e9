import type Konva from 'konva';
import type { Camera } from './CanvasRenderer';

/** Longest side of a layer sent to a remix tool: the models work at about this size. */
export const MAX_EXPORT_SIDE = 2048;

/**
 * The content layer as a PNG at document size, whatever the camera: Konva redraws the document's area at pixelRatio
 * 1/zoom, then it is composited on white (a remix model needs no alpha).
 */
export function flattenLayer(layer: Konva.Layer, docWidth: number, docHeight: number, camera: Camera): Promise<Blob> {
  const z = camera.zoom;
  const src = layer.toCanvas({ x: camera.x, y: camera.y, width: docWidth * z, height: docHeight * z, pixelRatio: 1 / z });
  return onWhite(src, docWidth, docHeight);
}

/**
 * One layer alone as the visitor sees it (a styled remix stays styled, a turned work turned), on white, at the
 * resolution of its own pixels (`density`: image pixels per document pixel), at most MAX_EXPORT_SIDE on its longest side.
 */
export async function exportNode(node: Konva.Node, camera: Camera, density: number): Promise<LayerExport> {
  const rect = node.getClientRect(); // stage pixels, the turned layer's upright box
  const docW = rect.width / camera.zoom;
  const docH = rect.height / camera.zoom;
  const perDocPixel = Math.min(Math.max(1, density), MAX_EXPORT_SIDE / Math.max(docW, docH, 1));
  const src = node.toCanvas({ ...rect, pixelRatio: perDocPixel / camera.zoom });
  const png = await onWhite(src, Math.max(1, Math.round(docW * perDocPixel)), Math.max(1, Math.round(docH * perDocPixel)));
  return { png, rect: { x: (rect.x - camera.x) / camera.zoom, y: (rect.y - camera.y) / camera.zoom, width: docW, height: docH } };
}

/** A layer as a PNG, and where that picture sits on the document (document pixels). */
export interface LayerExport {
  png: Blob;
  rect: { x: number; y: number; width: number; height: number };
}

/** One area of the canvas as shown, at document resolution, on white. */
export async function flattenArea(layer: Konva.Layer, area: { x: number; y: number; width: number; height: number }, camera: Camera): Promise<LayerExport> {
  const z = camera.zoom;
  const src = layer.toCanvas({ x: camera.x + area.x * z, y: camera.y + area.y * z, width: area.width * z, height: area.height * z, pixelRatio: 1 / z });
  return { png: await onWhite(src, area.width, area.height), rect: area };
}

function onWhite(src: HTMLCanvasElement, width: number, height: number): Promise<Blob> {
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('2D canvas unavailable'));
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(src, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('Could not encode the canvas'))), 'image/png'),
  );
}
