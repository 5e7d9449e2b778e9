import { UnrecoverableError } from 'bullmq';
import type { UpscaleParams } from '@atelier/contracts';
import type { GalleryClient } from '../services/gallery';
import type { Upscaler } from '../runtime/models/upscale';
import { imageOfSource } from './source';
import type { ToolRun } from './tool';

/** ×2 / ×4 super-resolution of the canvas or of a collection work, with the model its manifest's scales name. */
export function createUpscaleTool(deps: { gallery: GalleryClient; upscaler: Upscaler }): ToolRun {
  return async (ctx) => {
    const params = ctx.data.params as UpscaleParams;
    if (!deps.upscaler.supports(params.scale)) throw new UnrecoverableError(`${ctx.data.model} cannot upscale ×${params.scale}`);
    if (params.source === 'work' && !params.workId) throw new UnrecoverableError('a work upscale needs a workId');
    const { image, screened } = await imageOfSource(ctx, params, deps.gallery);
    const out = await deps.upscaler.render(image, params.scale, { timer: ctx.timer, signal: ctx.signal });
    await ctx.progress(0.9);
    return { image: out, screen: screened ? { input: image, output: out } : {} };
  };
}
