import type { StyleParams } from '@atelier/contracts';
import type { Recipe } from '@atelier/prompts';
import type { GalleryClient } from '../services/gallery';
import type { LruMap } from '../runtime/lru';
import { mixStyleVectors, type MagentaStyle, type StyleVector } from '../runtime/models/magenta-style';
import type { ToolRun } from './tool';

/** A curated style with its precomputed Magenta vector (prompts/recipes). */
export interface RecipeStyle {
  styleWorkId: string;
  styleVector?: number[];
  /** `<model id>@<version>` the vector was computed with; a vector from another version is not used. */
  styleVectorModel?: string;
}

/** The recipes by id, as the style tool looks them up. */
export function recipeStyles(recipes: readonly Recipe[]): (id: string) => RecipeStyle | undefined {
  const byId = new Map(recipes.map((r) => [r.id, r]));
  return (id) => {
    const r = byId.get(id);
    return r && { styleWorkId: r.params.styleWorkId, styleVector: r.styleVector, styleVectorModel: r.styleVectorModel };
  };
}

export interface StyleDeps {
  gallery: GalleryClient;
  magenta: MagentaStyle;
  /** Style vectors per `<model version>:<work id>`: a painting's style is computed once. */
  styleVectors: LruMap<string, StyleVector>;
  recipe?: (id: string) => RecipeStyle | undefined;
}

/** Magenta: the canvas in a work's style (or a recipe's, or two works' mixed) at a strength. */
export function createStyleTool(deps: StyleDeps): ToolRun {
  const vectorOf = async (version: string, workId: string, signal?: AbortSignal): Promise<StyleVector> => {
    const key = `${version}:${workId}`;
    let v = deps.styleVectors.get(key);
    if (!v) {
      const image = await deps.gallery.workImage(workId);
      signal?.throwIfAborted();
      v = await deps.magenta.styleVector(image);
      deps.styleVectors.set(key, v);
    }
    return v;
  };

  return async ({ data, manifest, progress, canvas, signal, timer }) => {
    const params = data.params as StyleParams;
    const content = await canvas();
    await progress(0.1);
    const recipe = params.recipeId ? deps.recipe?.(params.recipeId) : undefined;
    // A recipe's vector is only used for the work it was computed from, by the same model version.
    const precomputed =
      recipe?.styleVector && recipe.styleWorkId === params.styleWorkId && recipe.styleVectorModel === `${manifest.id}@${manifest.version}`
        ? Float32Array.from(recipe.styleVector)
        : undefined;
    let style = precomputed ?? (await timer.time('styleWork', () => vectorOf(manifest.version, params.styleWorkId, signal)));
    if (params.mixWorkId && params.mixWorkId !== params.styleWorkId) {
      const mix = await timer.time('styleWork', () => vectorOf(manifest.version, params.mixWorkId!, signal));
      style = mixStyleVectors(style, mix, params.mixWeight ?? 0.5);
    }
    await progress(0.4);
    const image = await deps.magenta.render(content, style, params.strength, { timer, signal });
    await progress(0.9);
    return { image, screen: { input: content, output: image }, textured: true };
  };
}
