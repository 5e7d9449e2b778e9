import type { ModelListing } from '@atelier/contracts/model.schema';
import type { RecipeListing, ToolParams } from '@atelier/contracts/remix.schema';
import { FIXED_STYLES, TOOLS, type FixedStyle, type Tool } from '@atelier/contracts/tools';

/**
 * From the visitor's choices to the `{ model, params }` of a remix request. Pure: no network, no React. Every
 * model id and starting value comes from the catalogue (GET /models: each manifest's tool, label and defaults).
 */

/** Cut-out and upscale work on the selected layer as shown, or on the flattened canvas; the other tools on the canvas. */
export const SOURCE_TOOLS: ReadonlySet<Tool> = new Set(['cutout', 'upscale']);
/** The tools the visitor may point at one layer or an area; cartoon and the fixed styles restyle the whole canvas. */
export const SCOPED_TOOLS: ReadonlySet<Tool> = new Set(['style', 'cutout', 'upscale']);

/** Where a manifest gives no strength: the middle, as the contract's default mix weight. */
export const MIDDLE = 0.5;

/** What the visitor chose, as fractions; null where they chose nothing, so the model's manifest default holds. */
export interface RemixOptions {
  /** GET /models. */
  models: readonly ModelListing[];
  styleWorkId: string | null;
  /** 0..1; null: the style model's `defaults.strength`. */
  strength: number | null;
  mixWorkId: string | null;
  /** 0..1: the share of the mixed-in work's style. */
  mixWeight: number;
  /** The curated style chosen; it counts only while its work is the style work. */
  recipe: Pick<RecipeListing, 'id' | 'model' | 'params'> | null;
  /** null: the first upscale model offered. */
  upscaleModel: string | null;
  /** null: the upscale model's `defaults.scale`. */
  upscaleScale: 2 | 4 | null;
  /** null: the fixed-style model's `defaults.style`. */
  fixedStyle: FixedStyle | null;
}

export interface ToolRequest {
  model: string;
  params: ToolParams;
}

/** The tools the catalogue has a model for, in the contract's order: the studio's tabs. */
export const remixTools = (models: readonly ModelListing[]): Tool[] => TOOLS.filter((tool) => models.some((m) => m.tool === tool));

/**
 * A tool's models in catalogue order; upscalers by their enlargement, smallest first (the lighter model is the
 * one offered first). Only upscalers have a default scale, so the sort leaves the other tools' order alone.
 */
export const modelsOf = (tool: Tool, models: readonly ModelListing[]): ModelListing[] =>
  models.filter((m) => m.tool === tool).sort((a, b) => (a.defaults.scale ?? 0) - (b.defaults.scale ?? 0));

/** The chosen model when it is one of the tool's, else the first that is switched on, else the first. */
export function modelFor(tool: Tool, models: readonly ModelListing[], chosen?: string | null): ModelListing | undefined {
  const offered = modelsOf(tool, models);
  return offered.find((m) => m.id === chosen) ?? offered.find((m) => m.enabled) ?? offered[0];
}

/** The recipe while it is still about the chosen style work. */
export const activeRecipe = <R extends Pick<RecipeListing, 'params'>>(o: { recipe: R | null; styleWorkId: string | null }): R | null =>
  o.recipe && o.recipe.params.styleWorkId === o.styleWorkId ? o.recipe : null;

/** The values the panels show and the request carries: the visitor's choice, else the manifest's default. */
export function resolveOptions(o: RemixOptions) {
  const styleModel = modelFor('style', o.models, activeRecipe(o)?.model);
  const upscaleModel = modelFor('upscale', o.models, o.upscaleModel);
  const fixedStyleModel = modelFor('fixed-style', o.models);
  return {
    styleModel,
    strength: o.strength ?? styleModel?.defaults.strength ?? MIDDLE,
    upscaleModel,
    upscaleScale: o.upscaleScale ?? upscaleModel?.defaults.scale ?? 2,
    fixedStyleModel,
    fixedStyle: o.fixedStyle ?? fixedStyleModel?.defaults.style ?? FIXED_STYLES[0],
  };
}

/** The model and params for `tool`, or null when it cannot be asked for (no model listed, no style work). */
export function buildRemixRequest(tool: Tool, o: RemixOptions): ToolRequest | null {
  const r = resolveOptions(o);
  // Always the uploaded picture (the canvas, or the selected layer as shown): never the unstyled collection original.
  const source = { source: 'canvas' as const };
  switch (tool) {
    case 'style': {
      if (!o.styleWorkId || !r.styleModel) return null;
      const recipe = activeRecipe(o);
      const mix = o.mixWorkId && o.mixWorkId !== o.styleWorkId ? { mixWorkId: o.mixWorkId, mixWeight: o.mixWeight } : {};
      return {
        model: r.styleModel.id,
        params: { styleWorkId: o.styleWorkId, strength: r.strength, ...mix, ...(recipe ? { recipeId: recipe.id } : {}) },
      };
    }
    case 'upscale':
      return r.upscaleModel ? { model: r.upscaleModel.id, params: { ...source, scale: r.upscaleScale } } : null;
    case 'fixed-style':
      return r.fixedStyleModel ? { model: r.fixedStyleModel.id, params: { style: r.fixedStyle } } : null;
    case 'cutout':
    case 'cartoon': {
      const model = modelFor(tool, o.models);
      return model ? { model: model.id, params: tool === 'cutout' ? source : {} } : null;
    }
  }
}
