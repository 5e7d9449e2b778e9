import type { FastifyPluginAsync } from 'fastify';
import { loadRecipes, type Recipe } from '@atelier/prompts';
import type { RouteDeps } from '../../app';

/** A curated style as the studio shows it: the style vector stays on the server. */
export interface RecipeListing {
  id: string;
  model: string;
  title: Recipe['title'];
  lookFor: Recipe['lookFor'];
  params: Recipe['params'];
  /** The style vector was computed ahead (`npm run recipes -- compute`), so no style prediction runs. */
  precomputed: boolean;
}

export const toRecipeListing = (r: Recipe): RecipeListing => ({
  id: r.id,
  model: r.model,
  title: r.title,
  lookFor: r.lookFor,
  params: r.params,
  precomputed: !!r.styleVector,
});

/** GET /recipes: the curated styles (prompts/recipes) whose model runs on this server. */
export const recipesRoutes: FastifyPluginAsync<RouteDeps & { recipes?: Recipe[] }> = async (app, deps) => {
  const recipes = deps.recipes ?? (await loadRecipes());
  app.get('/recipes', async () => recipes.filter((r) => deps.catalog.runnable(r.model)).map(toRecipeListing));
};
