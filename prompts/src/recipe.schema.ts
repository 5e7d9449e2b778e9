import { z } from 'zod';
import { bilingualSchema as bilingual } from '@atelier/contracts/model.schema';

export { bilingual };

/**
 * A remix recipe: a named, reusable way to remix, shown to visitors as a one-click choice.
 * `schemaVersion` lets a saved creation that names a recipe be read after the format changes.
 */
export const recipeSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[a-z0-9-]{3,60}$/),
  model: z.string().regex(/^[a-z0-9-]+$/),
  title: bilingual,
  /** One line: what to look for in the result. */
  lookFor: bilingual,
  params: z.object({
    styleWorkId: z.string().min(1),
    strength: z.number().min(0).max(1),
  }),
  /**
   * Magenta's 100-d style vector of `styleWorkId`, computed once by `npm run recipes -- compute`, so a
   * curated style costs no style prediction. Only used with the model version in `styleVectorModel`.
   */
  styleVector: z.array(z.number().finite()).length(100).optional(),
  /** `<model id>@<version>` that computed `styleVector`. */
  styleVectorModel: z.string().regex(/^[a-z0-9-]+@[^\s]+$/).optional(),
}).refine((r) => !r.styleVector === !r.styleVectorModel, {
  message: 'styleVector and styleVectorModel go together',
  path: ['styleVectorModel'],
});

export type Recipe = z.infer<typeof recipeSchema>;
