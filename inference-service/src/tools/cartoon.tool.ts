import type { Cartoonizer } from '../runtime/models/cartoon';
import type { ToolRun } from './tool';

/** White-box cartoon look of the canvas (non-commercial model: runs only where an operator enabled it). */
export function createCartoonTool(deps: { cartoonizer: Cartoonizer }): ToolRun {
  return async ({ progress, canvas, signal, timer }) => {
    const image = await canvas();
    await progress(0.15);
    signal?.throwIfAborted();
    const out = await deps.cartoonizer.render(image, timer, signal);
    await progress(0.9);
    return { image: out, screen: { input: image, output: out } };
  };
}
