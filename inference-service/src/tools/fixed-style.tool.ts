import type { FixedStyleParams } from '@atelier/contracts';
import type { FastStyle } from '../runtime/models/fast-style';
import type { ToolRun } from './tool';

/** The canvas in one of the fixed styles (no licence stated for the model: runs only where an operator enabled it). */
export function createFixedStyleTool(deps: { fastStyle: FastStyle }): ToolRun {
  return async ({ data, progress, canvas, signal, timer }) => {
    const { style } = data.params as FixedStyleParams;
    const image = await canvas();
    await progress(0.15);
    signal?.throwIfAborted();
    const out = await deps.fastStyle.render(image, style, { timer, signal });
    await progress(0.9);
    // Textured in every pixel like Magenta's: stored without zlib, smaller and faster here (runtime/README.md).
    return { image: out, screen: { input: image, output: out }, textured: true };
  };
}
