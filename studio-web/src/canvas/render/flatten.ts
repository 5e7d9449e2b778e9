import type Konva from 'konva';

/**
 * The content layer as a PNG at document size, whatever the screen size: Konva redraws the
 * scene at pixelRatio 1/scale, then it is composited on white (a remix model needs no alpha).
 */
export function flattenLayer(layer: Konva.Layer, docWidth: number, docHeight: number, scale: number): Promise<Blob> {
  const src = layer.toCanvas({ x: 0, y: 0, width: docWidth * scale, height: docHeight * scale, pixelRatio: 1 / scale });
  const out = document.createElement('canvas');
  out.width = docWidth;
  out.height = docHeight;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('2D canvas unavailable'));
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, docWidth, docHeight);
  ctx.drawImage(src, 0, 0, docWidth, docHeight);
  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('Could not encode the canvas'))), 'image/png'),
  );
}
