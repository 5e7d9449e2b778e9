import { UnrecoverableError } from 'bullmq';
import type { CutoutParams } from '@atelier/contracts';
import type { GalleryClient } from '../services/gallery';
import type { SubjectCutout } from '../runtime/models/cutout';
import { imageOfSource } from './source';
import type { ToolRun } from './tool';

/**
 * ISNet cut-out of the canvas or of one collection work: the subject on a transparent background at the
 * source's own size. A work's cut-out is the work itself, so it is not safety-screened.
 */
export function createCutoutTool(deps: { gallery: GalleryClient; cutout: SubjectCutout }): ToolRun {
  return async (ctx) => {
    const params = ctx.data.params as CutoutParams;
    if (params.source === 'work' && !params.workId) throw new UnrecoverableError('a work cut-out needs a workId');
    const { image, screened } = await imageOfSource(ctx, params, deps.gallery);
    const out = await deps.cutout.render(image, ctx.timer);
    await ctx.progress(0.9);
    return { image: out, screen: screened ? { input: image, output: out } : {} };
  };
}
