import { z } from 'zod';
import { LANGS } from './lang';
import { text } from './text.schema';
import { TOOLS } from './tools';

/**
 * Workshops: an educator runs a class in the studio (issue 11). Pupils have no account and no personal data: a
 * generated pseudonym, a signed cookie bound to the workshop, and a short rejoin code they see on screen.
 */

export { CODE_ALPHABET, JOIN_CODE_LENGTH, MAX_WORKSHOP_MS, normalizeCode, REJOIN_CODE_LENGTH } from './workshop-codes';
import { JOIN_CODE_LENGTH, MAX_WORKSHOP_MS, REJOIN_CODE_LENGTH } from './workshop-codes';

export const PUBLISH_RULES = ['class', 'public'] as const;
export type PublishRule = (typeof PUBLISH_RULES)[number];

export const SUBMISSION_STATES = ['waiting', 'returned', 'approved', 'rejected'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];
export const SUBMISSION_DECISIONS = ['approve', 'return', 'reject'] as const;
export type SubmissionDecision = (typeof SUBMISSION_DECISIONS)[number];

const briefSchema = z.object({ nl: text().max(4000).optional(), en: text().max(4000).optional() });
const assignmentItemSchema = z.object({
  workId: text().min(1).max(200),
  /** A IIIF detail of the work (fractions 0..1); absent: the whole work. */
  region: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1), w: z.number().gt(0).max(1), h: z.number().gt(0).max(1) }).optional(),
});

export const createWorkshopRequestSchema = z
  .object({
    title: text().min(1).max(120),
    lang: z.enum(LANGS),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    brief: briefSchema,
    assignment: z.array(assignmentItemSchema).max(24),
    tools: z.array(z.enum(TOOLS)).max(TOOLS.length),
    mayDraw: z.boolean(),
    maySearch: z.boolean(),
    publishRule: z.enum(PUBLISH_RULES),
  })
  .refine((b) => !!(b.brief.nl?.trim() || b.brief.en?.trim()), { message: 'Give the brief in Dutch, English or both.', path: ['brief'] });
export type CreateWorkshopRequest = z.infer<typeof createWorkshopRequestSchema>;

export const workshopSchema = z.object({
  id: z.string(),
  title: z.string(),
  lang: z.enum(LANGS),
  startsAt: z.string(),
  endsAt: z.string(),
  brief: briefSchema,
  assignment: z.array(assignmentItemSchema),
  tools: z.array(z.enum(TOOLS)),
  mayDraw: z.boolean(),
  maySearch: z.boolean(),
  publishRule: z.enum(PUBLISH_RULES),
  joinCode: z.string().nullable(),
  joinUrl: z.string().nullable(),
  locked: z.boolean(),
  endedAt: z.string().nullable(),
  /** When pupils' data is deleted: the end plus the retention period. */
  forgetAt: z.string(),
  retentionDays: z.number(),
  educator: z.string(),
  createdAt: z.string(),
});
export type Workshop = z.infer<typeof workshopSchema>;
export const workshopListSchema = z.object({ workshops: z.array(workshopSchema), retentionDays: z.number() });

export const pseudonymSchema = z.object({ nl: z.string(), en: z.string() });
export type Pseudonym = z.infer<typeof pseudonymSchema>;

export const pupilSchema = z.object({ id: z.string(), pseudonym: pseudonymSchema, joinedAt: z.string(), removed: z.boolean() });
export const pupilListSchema = z.object({ pupils: z.array(pupilSchema) });

export const submissionSchema = z.object({
  id: z.string(),
  creationId: z.string(),
  pseudonym: pseudonymSchema,
  title: z.string(),
  creditLine: z.string(),
  state: z.enum(SUBMISSION_STATES),
  comment: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  imageUrl: z.string(),
  thumbUrl: z.string(),
  /** The work's page (class gallery), for its QR code. */
  pageUrl: z.string(),
});
export type Submission = z.infer<typeof submissionSchema>;
export const submissionListSchema = z.object({ submissions: z.array(submissionSchema) });

export const decisionRequestSchema = z
  .object({ decision: z.enum(SUBMISSION_DECISIONS), comment: text().max(1000).optional() })
  .refine((b) => b.decision !== 'return' || !!b.comment?.trim(), { message: 'Say what to change when returning a work.', path: ['comment'] });
export type WorkshopDecisionRequest = z.infer<typeof decisionRequestSchema>;

export const joinRequestSchema = z.object({ code: text().max(20), rejoinCode: text().max(20).optional() });
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** What a pupil's pages show: the workshop as pupils see it, who they are, and their own submissions. */
export const pupilViewSchema = z.object({
  workshop: workshopSchema
    .pick({ id: true, title: true, lang: true, endsAt: true, brief: true, assignment: true, tools: true, mayDraw: true, maySearch: true, publishRule: true })
    .extend({ ended: z.boolean() }),
  pseudonym: pseudonymSchema,
  rejoinCode: z.string().nullable(),
  /** Their own creations after the workshop (a capability link; also as a QR code). */
  takeHomeUrl: z.string(),
  submissions: z.array(submissionSchema),
});
export type PupilView = z.infer<typeof pupilViewSchema>;

export const takeHomeSchema = z.object({ title: z.string(), pseudonym: pseudonymSchema, submissions: z.array(submissionSchema) });

/** A pending creation that came from a workshop, as the museum's moderation queue shows it. */
export const workshopOriginSchema = z.object({ workshopTitle: z.string(), approvedBy: z.string() });
export type WorkshopOrigin = z.infer<typeof workshopOriginSchema>;
