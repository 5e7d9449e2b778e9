import { z } from 'zod';
import { recipeListingSchema } from '@atelier/contracts';
import { commonErrors } from '../schemas';

export const recipesResponses = {
  200: z.array(recipeListingSchema).describe('The curated styles whose model runs on this server.'),
  ...commonErrors,
} as const;
