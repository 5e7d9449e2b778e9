import { z } from 'zod';
import { canvasDocumentSchema } from './canvas.schema';
import { DRAFT_HISTORY_MAX } from './draft';
import { remixSchema } from './remix.schema';
import { fraction } from './model.schema';
import { text, workIdSchema } from './text.schema';

/**
 * A draft: a canvas (and its capped undo history) kept on the server for a while, opened on another device by
 * its code alone. No account, no personal data. Each remix the canvas shows is copied into the draft when it is
 * saved, so the draft opens for a visitor session that could not read the original remix.
 */

export const draftHistorySchema = z.object({
  /** Oldest first, as the studio's history keeps them. */
  past: z.array(canvasDocumentSchema).max(DRAFT_HISTORY_MAX),
  /** Next redo first. */
  future: z.array(canvasDocumentSchema).max(DRAFT_HISTORY_MAX),
});
export type DraftHistory = z.infer<typeof draftHistorySchema>;

/** POST /api/gallery/drafts. */
export const draftSaveRequestSchema = z.object({
  document: canvasDocumentSchema,
  history: draftHistorySchema.optional(),
});
export type DraftSaveRequest = z.infer<typeof draftSaveRequestSchema>;

/** What saving answers: the code (shown once; only its keyed hash is stored) and when the draft is deleted. */
export const draftSavedSchema = z.object({
  code: z.string().describe('8 characters of DRAFT_CODE_ALPHABET; the studio shows it as ABCD-EFGH.'),
  resumePath: z.string().describe('The studio path that opens it (the code in the fragment): for a QR code.'),
  expiresAt: z.string().describe('ISO 8601'),
});
export type DraftSaved = z.infer<typeof draftSavedSchema>;

/**
 * POST /api/gallery/creations/:id/remix ("remix this"): the draft of the creation's works, and the style its maker
 * chose (the style work and strength of its style remix), for the studio to preselect; null when it had none.
 */
export const remixStartSchema = draftSavedSchema.extend({
  recipe: z
    .object({ styleWorkId: workIdSchema, strength: fraction })
    .nullable()
    .describe("The creation's style remix: its style work and strength; null when it has no style remix."),
});
export type RemixStart = z.infer<typeof remixStartSchema>;

/** POST /api/gallery/drafts/open: the code in the body, so it is in no URL and no request log. */
export const draftOpenRequestSchema = z.object({ code: text().max(40) });
export type DraftOpenRequest = z.infer<typeof draftOpenRequestSchema>;

export const draftSchema = z.object({
  document: canvasDocumentSchema,
  history: draftHistorySchema,
  /** Each remix the document or its history shows, `output.url` pointing at the draft's own copy. */
  remixes: z.array(remixSchema),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type Draft = z.infer<typeof draftSchema>;
