import sharp from 'sharp';
import type { CanvasDocument } from '@atelier/contracts/canvas.schema';
import { SharpCanvasPainter } from '@atelier/gallery-api/repositories/canvas-painter';
import { planRender, type LayerImage } from '@atelier/gallery-api/services/canvas-render';

/**
 * A PNG that shows its canvas document, for tests that publish through the API without a studio: drawn at the
 * document's own size by gallery-api's canvas painter, from each image layer's bytes (by layer id). gallery-api
 * refuses an upload that does not show its document (services/image-binding.ts).
 */
export async function drawnCanvas(doc: CanvasDocument, images: Record<string, Uint8Array> = {}): Promise<Buffer> {
  const painter = new SharpCanvasPainter();
  const measured = new Map<string, LayerImage>();
  for (const [id, bytes] of Object.entries(images)) measured.set(id, { bytes, ...(await painter.measure(bytes)) });
  const raw = await painter.paint(planRender(doc, measured, Math.max(doc.width, doc.height)));
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } }).png().toBuffer();
}
