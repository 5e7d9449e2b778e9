import { z } from 'zod';
import { creationSchema } from './creation.schema';
import { isoDateSchema, uuidSchema } from './exhibition.schema';
import { text } from './text.schema';

/**
 * Open calls (issue 12 item 6, as the Rijksstudio Award): staff open a call and move it through its phases, visitors
 * submit their own creations, jurors score a rubric and shortlist, the public may vote on the shortlist, and the
 * results name a winner per category.
 */

export { OPEN_CALL_PHASES, RUBRIC, type OpenCallPhase, type RubricCriterion } from './open-call';
import { OPEN_CALL_PHASES, RUBRIC } from './open-call';

const uuid = uuidSchema;
const isoDate = isoDateSchema;
const category = text().trim().min(1).max(40);

export const openCallInputSchema = z.object({
  theme: z.object({ en: text().trim().min(1).max(120), nl: text().trim().min(1).max(120) }),
  brief: z.object({ en: text().trim().max(4000), nl: text().trim().max(4000) }),
  opensOn: isoDate.nullable(),
  closesOn: isoDate.nullable(),
  categories: z.array(category).max(8).describe('Optional age categories, e.g. "up to 12", "13–17", "18+"; none: one category.'),
  publicVote: z.boolean(),
});
export type OpenCallInput = z.infer<typeof openCallInputSchema>;

export const openCallPhaseRequestSchema = z.object({ phase: z.enum(OPEN_CALL_PHASES) });
export const openCallSubmitSchema = z.object({ creationId: uuid, category: category.nullable() });
export type OpenCallSubmit = z.infer<typeof openCallSubmitSchema>;
const point = z.number().int().min(1).max(5);
export const openCallScoreSchema = z.object({ originality: point, craft: point, theme: point });
export type OpenCallScore = z.infer<typeof openCallScoreSchema>;
export const openCallShortlistSchema = z.object({ creationIds: z.array(uuid).max(100) });
export const openCallVoteSchema = z.object({ creationId: uuid });

export const openCallSchema = z.object({
  id: z.string(),
  theme: z.string(),
  brief: z.string(),
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
  categories: z.array(z.string()),
  publicVote: z.boolean(),
  phase: z.enum(OPEN_CALL_PHASES),
});
export type OpenCall = z.infer<typeof openCallSchema>;
export const openCallListSchema = z.object({ items: z.array(openCallSchema) });

/** For jurors and curators: every submission with the scores given (a juror's own, and the mean of all). */
export const juryItemSchema = z.object({
  creationId: z.string(),
  title: z.string(),
  status: creationSchema.shape.status,
  thumbUrl: z.string(),
  category: z.string().nullable(),
  shortlisted: z.boolean(),
  myScore: openCallScoreSchema.nullable(),
  jurors: z.number().int(),
  mean: z.number().nullable().describe('Mean of every juror’s three criteria, 1–5.'),
});
export const juryListSchema = z.object({ items: z.array(juryItemSchema) });
export type JuryItem = z.infer<typeof juryItemSchema>;

/** The public page of a call: its shortlist while voting (no counts), its winners and counts once it has results. */
export const openCallPageSchema = openCallSchema.extend({
  shortlist: z.array(creationSchema.extend({ category: z.string().nullable() })),
  votedFor: z.string().nullable().describe("This visitor session's vote, while voting."),
  results: z
    .array(
      z.object({
        category: z.string().nullable(),
        winner: creationSchema.nullable(),
        publicFavourite: creationSchema.nullable(),
        votes: z.array(z.object({ creationId: z.string(), votes: z.number().int() })),
      }),
    )
    .nullable(),
});
export type OpenCallPage = z.infer<typeof openCallPageSchema>;
