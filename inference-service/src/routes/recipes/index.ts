import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadRecipes, type Recipe } from '@atelier/prompts';
import type { RouteDeps } from '../../app';
import { recipesResponses, type RecipeListing } from './schemas';

export type { RecipeListing };

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
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/recipes', { schema: { tags: ['recipes'], response: recipesResponses } }, async () =>
      recipes.filter((r) => deps.catalog.runnable(r.model)).map(toRecipeListing),
    );
};
