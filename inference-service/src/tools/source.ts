import type { CutoutParams } from '@atelier/contracts';
import type { ImageSource } from '../runtime/pixels';
import type { GalleryClient } from '../services/gallery';
import type { ToolContext } from './tool';

/**
 * The image a cut-out or upscale works on: the visitor's canvas, or one collection work's `working` image
 * (whose result is the work itself, so it is never safety-screened). Reports 0.15 and checks the signal.
 */
export async function imageOfSource(
  { canvas, progress, signal, timer }: ToolContext,
  params: CutoutParams,
  gallery: GalleryClient,
): Promise<{ image: ImageSource; screened: boolean }> {
  const fromWork = params.source === 'work';
  const image = fromWork ? await timer.time('read', () => gallery.workImage(params.workId!)) : await canvas();
  await progress(0.15);
  signal?.throwIfAborted();
  return { image, screened: !fromWork };
}
