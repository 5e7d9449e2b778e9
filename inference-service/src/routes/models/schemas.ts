import { z } from 'zod';
import { modelListingSchema } from '@atelier/contracts';
import { commonErrors } from '../schemas';

export const modelsResponses = { 200: z.array(modelListingSchema).describe('Every model manifest, enabled or not.'), ...commonErrors } as const;
