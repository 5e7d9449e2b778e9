import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Recipe } from '@atelier/prompts';
import type { InferenceDeps } from '../deps';
import type { RecipeListing } from '@atelier/contracts';
import { recipesResponses } from './schemas';

/** A recipe as the studio sees it: its style vector stays on the server. */
const toRecipeListing = (r: Recipe): RecipeListing => ({
  id: r.id,
  model: r.model,
  title: r.title,
  lookFor: r.lookFor,
  params: r.params,
  precomputed: !!r.styleVector,
});

/** GET /recipes: the curated styles (prompts/recipes) whose model runs on this server. */
export const recipesRoutes: FastifyPluginAsync<InferenceDeps> = async (app, deps) => {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/recipes', { schema: { tags: ['recipes'], response: recipesResponses } }, async () => deps.recipes.list().map(toRecipeListing));
};
