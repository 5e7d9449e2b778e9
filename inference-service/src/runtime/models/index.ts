import type { Tool } from '@atelier/contracts';
import type { ModelManifest } from '@atelier/models';
import type { ModelRunner } from '../runner';
import { Cartoonizer } from './cartoon';
import { SubjectCutout } from './cutout';
import { FastStyle } from './fast-style';
import { MagentaStyle } from './magenta-style';
import { Upscaler } from './upscale';

/** The runtime adapter each remix tool's models run through. */
export interface ToolAdapters {
  style: MagentaStyle;
  cutout: SubjectCutout;
  upscale: Upscaler;
  cartoon: Cartoonizer;
  'fixed-style': FastStyle;
}

/** Builds a model's adapter from its manifest (its sizes, scales, tiles and tensor names), by its tool. */
export const ADAPTERS: { readonly [T in Tool]: (runner: ModelRunner, manifest: ModelManifest) => ToolAdapters[T] } = {
  style: (runner, m) => new MagentaStyle(runner, m),
  cutout: (runner, m) => new SubjectCutout(runner, m),
  upscale: (runner, m) => new Upscaler(runner, m),
  cartoon: (runner, m) => new Cartoonizer(runner, m),
  'fixed-style': (runner, m) => new FastStyle(runner, m),
};
