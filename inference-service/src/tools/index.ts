import type { Tool } from '@atelier/contracts';
import type { ModelManifest } from '@atelier/models';
import type { RemixModel } from '../runtime/engine';
import type { ToolAdapters } from '../runtime/models';
import type { LruMap } from '../runtime/lru';
import type { StyleVector } from '../runtime/models/magenta-style';
import type { GalleryClient } from '../services/gallery';
import { createCartoonTool } from './cartoon.tool';
import { createCutoutTool } from './cutout.tool';
import { createFixedStyleTool } from './fixed-style.tool';
import { createStyleTool, type RecipeStyle } from './style.tool';
import { createUpscaleTool } from './upscale.tool';
import type { ToolRun } from './tool';

export type { ToolContext, ToolOutput, ToolRun } from './tool';

/** What the tool runners need besides their model's adapter. */
export interface ToolDeps {
  gallery: GalleryClient;
  /** Style vectors per `<model version>:<work id>`: a painting's style is computed once. */
  styleVectors: LruMap<string, StyleVector>;
  /** Curated styles with precomputed vectors. */
  recipe?: (id: string) => RecipeStyle | undefined;
}

export type ToolRunners = { readonly [T in Tool]: (adapter: ToolAdapters[T], deps: ToolDeps) => ToolRun };

/** One runner per remix tool: the manifest names the tool, this table runs it. */
export const TOOL_RUNNERS: ToolRunners = {
  style: (magenta, deps) => createStyleTool({ magenta, ...deps }),
  cutout: (cutout, { gallery }) => createCutoutTool({ gallery, cutout }),
  upscale: (upscaler, { gallery }) => createUpscaleTool({ gallery, upscaler }),
  cartoon: (cartoonizer) => createCartoonTool({ cartoonizer }),
  'fixed-style': (fastStyle) => createFixedStyleTool({ fastStyle }),
};

/** An enabled remix model the worker runs: its manifest and the runner of its tool over its adapter. */
export interface ModelRun {
  manifest: ModelManifest;
  run: ToolRun;
}

/**
 * A runner for every enabled remix model, by model id. Throws (the worker then refuses to start) when a
 * manifest names a tool that has no runner here, rather than failing that model's jobs later.
 */
export function modelRunners(models: readonly RemixModel[], deps: ToolDeps, runners: Partial<ToolRunners> = TOOL_RUNNERS): Map<string, ModelRun> {
  const missing = models.filter((m) => !runners[m.tool]);
  if (missing.length) throw new Error(`no runner for the tool of: ${missing.map((m) => `${m.manifest.id} (${m.tool})`).join(', ')}`);
  return new Map(
    models.map((m) => {
      const runner = runners[m.tool] as (adapter: RemixModel['adapter'], deps: ToolDeps) => ToolRun;
      return [m.manifest.id, { manifest: m.manifest, run: runner(m.adapter, deps) }];
    }),
  );
}
