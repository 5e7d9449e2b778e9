import { z } from 'zod';
import { bilingual, recipeSchema } from '@atelier/prompts';
import { commonErrors } from '../schemas';

/** A curated style as the studio shows it (pieces of the recipe manifest's own schema); the style vector stays here. */
export const recipeListingSchema = z.object({
  id: recipeSchema.shape.id,
  model: recipeSchema.shape.model,
  title: bilingual,
  lookFor: bilingual.describe('One line: what to look for in the result.'),
  params: recipeSchema.shape.params,
  precomputed: z.boolean().describe('The style vector was computed ahead (`npm run recipes -- compute`), so no style prediction runs.'),
});

export type RecipeListing = z.output<typeof recipeListingSchema>;

export const recipesResponses = {
  200: z.array(recipeListingSchema).describe('The curated styles whose model runs on this server.'),
  ...commonErrors,
} as const;
