import type { Cartoonizer } from '../runtime/models/cartoon';
import type { ToolRun } from './remix.processor';

/** White-box cartoon look of the canvas (non-commercial model: runs only where an operator enabled it). */
export function createCartoonTool(deps: { cartoonizer: Cartoonizer }): ToolRun {
  return async ({ progress, canvas }) => {
    const image = await canvas();
    await progress(15);
    const out = await deps.cartoonizer.cartoonize(image);
    await progress(90);
    return { ...out, screen: { input: image, output: out.png } };
  };
}
