import { lineArt } from '@atelier/contracts/line-art';

/** The long side of a colouring page drawn in the browser: an A4 sheet at about 150 dpi, as gallery-api's. */
export const COLOURING_MAX_SIDE = 1600;

/**
 * A colouring page of the canvas: its flattened PNG, greyed and outlined in the browser by contracts' `lineArt` (the
 * rule gallery-api draws a work's page with), as a PNG blob. Nothing is uploaded.
 */
export async function canvasColouringPage(png: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(png);
  const scale = Math.min(1, COLOURING_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const image = ctx.getImageData(0, 0, width, height);
  const lines = lineArt(greyOf(image.data), width, height);
  for (let i = 0; i < lines.length; i++) {
    image.data[4 * i] = image.data[4 * i + 1] = image.data[4 * i + 2] = lines[i]!;
    image.data[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the colouring page could not be encoded'))), 'image/png'));
}

/** RGBA → grey levels (ITU-R BT.601 weights, as sharp's greyscale). */
export function greyOf(rgba: Uint8ClampedArray): Uint8Array {
  const grey = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < grey.length; i++) grey[i] = Math.round(0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!);
  return grey;
}
