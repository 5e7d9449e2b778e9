import { UnrecoverableError } from 'bullmq';
import type { UpscaleParams } from '../jobs/tools.job';
import type { GalleryClient } from '../repositories/gallery.client';
import { Upscaler } from '../runtime/models/upscale';
import type { ToolRun } from './remix.processor';

/** ×2 / ×4 super-resolution of the canvas or of a collection work (photo model or drawing model by id). */
export function createUpscaleTool(deps: { gallery: GalleryClient; upscaler: Upscaler }): ToolRun {
  return async ({ data, progress, canvas, signal, timer }) => {
    const params = data.params as UpscaleParams;
    if (!Upscaler.supports(data.model, params.scale)) throw new UnrecoverableError(`${data.model} cannot upscale ×${params.scale}`);
    const fromWork = params.source === 'work';
    if (fromWork && !params.workId) throw new UnrecoverableError('a work upscale needs a workId');
    const image = fromWork ? await timer.time('read', () => deps.gallery.workImage(params.workId!)) : await canvas();
    await progress(15);
    signal?.throwIfAborted();
    const out = await deps.upscaler.render(image, data.model, params.scale, { timer });
    await progress(90);
    return { image: out, screen: fromWork ? {} : { input: image, output: out } };
  };
}
