import { UnrecoverableError } from 'bullmq';
import type { CutoutParams } from '../jobs/tools.job';
import type { GalleryClient } from '../repositories/gallery.client';
import type { SubjectCutout } from '../runtime/models/cutout';
import type { ToolRun } from './remix.processor';

/**
 * ISNet cut-out of the canvas or of one collection work: the subject on a transparent background at the
 * source's own size. A work's cut-out is the work itself, so it is not safety-screened.
 */
export function createCutoutTool(deps: { gallery: GalleryClient; cutout: SubjectCutout }): ToolRun {
  return async ({ data, progress, canvas, signal, timer }) => {
    const params = data.params as CutoutParams;
    const fromWork = params.source === 'work';
    if (fromWork && !params.workId) throw new UnrecoverableError('a work cut-out needs a workId');
    const image = fromWork ? await timer.time('read', () => deps.gallery.workImage(params.workId!)) : await canvas();
    await progress(15);
    signal?.throwIfAborted();
    const out = await deps.cutout.render(image, timer);
    await progress(90);
    return { image: out, screen: fromWork ? {} : { input: image, output: out } };
  };
}
