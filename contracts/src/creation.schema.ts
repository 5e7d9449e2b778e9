import { z } from 'zod';
import { canvasDocumentSchema, workRegionSchema } from './canvas.schema';
import { ALT_TEXT_MAX, TITLE_MAX } from './creation';
import { LANGS } from './lang';
import { OUTPUT_LICENCE_IDS } from './licences';
import { modelRefSchema } from './model.schema';
import { text, workIdSchema } from './text.schema';
import { pageOf, workLicenceSchema } from './work.schema';
import { workshopOriginSchema } from './workshop.schema';

/**
 * Creations: what the studio sends to publish, and what gallery-api answers about them, with their provenance
 * record (persisted and versioned) and, for moderators, the safety screen of the remixes they use.
 */

export const outputLicenceIdSchema = z.enum(OUTPUT_LICENCE_IDS);
export const langSchema = z.enum(LANGS);
export const MAX_REMIXES = 10;
export const MAX_PREVIEW_WORKS = 200;
// The form limits live in the pure module, so the studio can read them without zod.
export { ALT_TEXT_MAX, TITLE_MAX } from './creation';
export const MAX_REASON_LENGTH = 500;

const workId = workIdSchema;

/** POST /api/gallery/creations/preview: the works a picture is made of (tools.ts `creationWorkUses`). */
export const publishPreviewRequestSchema = z.object({
  workIds: z.array(workId).max(MAX_PREVIEW_WORKS),
  lang: langSchema.optional().describe('The language of the credit lines; English by default.'),
});
export type PublishPreviewRequest = z.infer<typeof publishPreviewRequestSchema>;

export const publishPreviewSchema = z.object({
  allowed: z.array(outputLicenceIdSchema),
  suggested: outputLicenceIdSchema,
  ingredients: z.array(
    z.object({
      workId: z.string(),
      title: z.string(),
      creator: z.string().nullable(),
      licence: workLicenceSchema,
      credit: z.string(),
    }),
  ),
});
export type PublishPreview = z.infer<typeof publishPreviewSchema>;

/** The `meta` field of POST /api/gallery/creations (multipart, beside the `image` PNG). */
export const publishRequestSchema = z.object({
  requestId: z.uuid().describe('Made once per publish form: a resend answers the same creation.'),
  title: text().trim().min(1, 'The title may not be empty.').max(TITLE_MAX),
  altText: text()
    .trim()
    .max(ALT_TEXT_MAX)
    .optional()
    .transform((s) => (s ? s : undefined)),
  licence: outputLicenceIdSchema,
  document: canvasDocumentSchema,
  remixIds: z.array(z.uuid()).max(MAX_REMIXES).default([]),
  draftCode: text()
    .max(40)
    .optional()
    .describe(
      'The code of the draft this canvas was opened from: the remixes it copied (made in another session) are read from the draft.',
    ),
});
/** As the studio sends it. */
export type PublishRequestInput = z.input<typeof publishRequestSchema>;
/** As gallery-api reads it (trimmed, defaults applied). */
export type PublishRequest = z.output<typeof publishRequestSchema>;

// ─── The provenance record (stored with every creation, versioned) ─────────────────────────────────────

export const PROVENANCE_SCHEMA_VERSION = 1;
export const INGREDIENT_ROLES = ['composed', 'style'] as const;

export const placedImageSchema = z.object({
  sha256: z.string(),
  mediaType: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The detail in the work's full pixels; absent: the whole work. */
  region: workRegionSchema.optional(),
});
export type PlacedImage = z.infer<typeof placedImageSchema>;

export const ingredientSchema = z.object({
  workId: z.string(),
  role: z.enum(INGREDIENT_ROLES),
  title: z.string(),
  /** The title per language where the source gives it, so credits name the work in the reader's language. */
  titles: z.record(z.string(), z.string()).optional(),
  creator: z.string().nullable(),
  /** The display date as the source gives it; absent on records from before it was kept. */
  date: z.string().nullable().optional(),
  institution: z.string().nullable(),
  /** The museum's page for the work. */
  landingUrl: z.string().nullable(),
  licenceUri: z.string(),
  /** The institution's own requested attribution, verbatim; absent when it gave none (or before it was kept). */
  attribution: z.string().nullable().optional(),
  /** The credit line as published (credit.ts `workCredit`, English). */
  credit: z.string(),
  /** The details of the work placed on the canvas (IIIF regions in its full pixels); absent: the whole work. */
  regions: z.array(workRegionSchema).optional(),
  /**
   * sha256 of the work's image file as the collection imported it from the museum (the canvas showed renditions of
   * it, or a detail the museum's IIIF server cut). Absent on records from before it was kept.
   */
  imageSha256: z.string().optional(),
  /** The work's own IIIF Presentation manifest at its institution, when the source has one. */
  iiifManifest: z.string().optional(),
  /**
   * The exact image files the canvas showed of this work, one per distinct detail: the rendition or IIIF detail the
   * studio loaded and the server drew to check the picture (image-binding.ts). Absent on records from before they
   * were kept, and for a style work (it is an input to a model, not placed).
   */
  placedImages: z.array(placedImageSchema).optional(),
});
export type Ingredient = z.infer<typeof ingredientSchema>;

export const provenanceActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('compose'), workIds: z.array(z.string()) }),
  z.object({ type: z.literal('draw'), strokes: z.number() }),
  z.object({
    type: z.literal('remix'),
    remixId: z.string(),
    model: modelRefSchema,
    params: z.record(z.string(), z.unknown()),
    inputSha256: z.string(),
    outputSha256: z.string(),
  }),
]);
export type ProvenanceAction = z.infer<typeof provenanceActionSchema>;

/**
 * Optional fields added later (an ingredient's `regions`, `date`, `attribution`, a model's `licence`) keep
 * version 1: every stored v1 record is still a valid v1 record without them. A change old records could not
 * satisfy gets version 2 and a named step in gallery-api's `readProvenance`.
 */
export const provenanceSchema = z.object({
  schemaVersion: z.literal(PROVENANCE_SCHEMA_VERSION),
  creationId: z.string(),
  createdAt: z.string(),
  output: z.object({ sha256: z.string(), width: z.number(), height: z.number(), bytes: z.number(), mediaType: z.literal('image/png') }),
  ingredients: z.array(ingredientSchema),
  actions: z.array(provenanceActionSchema),
  licence: z.object({ id: outputLicenceIdSchema, uri: z.string() }),
  /** The creation's credit line as published (English). */
  creditLine: z.string(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

// ─── Content credentials (C2PA) ─────────────────────────────────────────────────────────────────────────

/** `development`: signed with the studio's own development certificate, which no one else trusts. */
export const SIGNER_TRUST = ['trusted', 'development', 'untrusted'] as const;

export const credentialSignerSchema = z.object({
  commonName: z.string().nullable(),
  organization: z.string().nullable(),
  trust: z.enum(SIGNER_TRUST),
});
export type CredentialSigner = z.infer<typeof credentialSignerSchema>;

/** What a creation's full image carries: a signed C2PA manifest, or none and why (a platform without the signer). */
export const creationCredentialsSchema = z.object({
  state: z.enum(['signed', 'unsigned']),
  signer: credentialSignerSchema.nullable(),
  reason: z.string().optional().describe('Why the image is unsigned.'),
  fileSha256: z.string().describe('sha256 of the full image as served (with its manifest).'),
});
export type CreationCredentials = z.infer<typeof creationCredentialsSchema>;

/** POST /api/gallery/verify: what an uploaded image's content credentials say. Nothing of the upload is kept. */
export const verifyResultSchema = z.object({
  state: z
    .enum(['valid', 'invalid', 'none', 'unchecked'])
    .describe('`none`: no content credentials in the file; `unchecked`: this server cannot read them.'),
  reasons: z.array(z.object({ code: z.string(), explanation: z.string() })).describe('Why it is invalid.'),
  openAtelier: z.boolean().describe('The manifest says it was made in this studio (only meaningful when valid).'),
  signer: credentialSignerSchema.nullable(),
  claimGenerator: z.string().nullable(),
  title: z.string().nullable(),
  licence: z.string().nullable(),
  creditLine: z.string().nullable(),
  actions: z.array(z.object({ action: z.string(), softwareAgent: z.string().nullable(), digitalSourceType: z.string().nullable() })),
  ingredients: z.array(
    z.object({
      title: z.string(),
      relationship: z.string().nullable(),
      url: z.string().nullable(),
      placedSha256: z.array(z.string()).optional().describe('sha256 of each image file of the work the canvas showed, as the manifest names them.'),
    }),
  ),
  creation: z.object({ id: z.string(), title: z.string() }).nullable().describe('The approved creation this file is, by its manifest or sha256.'),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

// ─── Creations as the API answers them ─────────────────────────────────────────────────────────────────

/** `withdrawn`: approved once, then taken out of every public place by staff (issue 12). */
export const CREATION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

export const creationSchema = z.object({
  id: z.string(),
  status: z.enum(CREATION_STATUSES),
  title: z.string(),
  altText: z.string().nullable(),
  licence: z.object({ id: outputLicenceIdSchema, uri: z.string(), label: z.string() }),
  creditLine: z.string().describe('The credit line in the language asked for (`?lang=`), built from the provenance.'),
  maker: z
    .string()
    .optional()
    .describe("The maker's pseudonym in the language asked for (\"Blue Heron 12\"); absent for creations from before pseudonyms."),
  width: z.number().int(),
  height: z.number().int(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  thumbUrl: z.string(),
  thumbnailUrl: z.string(),
  workingUrl: z.string(),
  imageUrl: z.string(),
  ingredients: z.array(ingredientSchema).describe('`credit` in the language asked for.'),
});
export type Creation = z.infer<typeof creationSchema>;

export const creationDetailSchema = creationSchema.extend({
  provenance: provenanceSchema,
  credentials: creationCredentialsSchema.nullable().describe('null: published before content credentials existed.'),
  jsonLd: z.record(z.string(), z.unknown()),
});
export type CreationDetail = z.infer<typeof creationDetailSchema>;

export const creationListSchema = pageOf(creationSchema);
export type CreationList = z.infer<typeof creationListSchema>;

/** GET /creations/mine: the visitor session's own creations in every status, with the moderator's reason on a reject. */
export const myCreationSchema = creationSchema.extend({
  rejectionReason: z.string().nullable().describe("The moderator's reason, when the creation was rejected."),
});
export type MyCreation = z.infer<typeof myCreationSchema>;
export const myCreationListSchema = pageOf(myCreationSchema);
export type MyCreationList = z.infer<typeof myCreationListSchema>;

// ─── Moderation ─────────────────────────────────────────────────────────────────────────────────────────

const scoresSchema = z.record(z.string(), z.number());

/**
 * What the safety screen said about each remix a creation uses (staff only: the public never sees scores).
 * A flag orders the moderation queue; it never drops or hides a creation.
 */
export const creationSafetySchema = z.object({
  flagged: z.boolean(),
  remixes: z.array(
    z.object({
      remixId: z.string(),
      screened: z.boolean(),
      flagged: z.boolean(),
      scores: z.object({ input: scoresSchema.optional(), output: scoresSchema.optional() }),
      flagClasses: z.array(z.string()),
      threshold: z.number(),
      note: z.string().optional(),
    }),
  ),
});
export type CreationSafety = z.infer<typeof creationSafetySchema>;

export const moderationQueueItemSchema = creationSchema.extend({
  safety: creationSafetySchema.nullable(),
  /** Sent by a workshop pupil and approved by its educator (issue 11) before it reached this queue. */
  workshop: workshopOriginSchema.optional(),
});
export type ModerationQueueItem = z.infer<typeof moderationQueueItemSchema>;
export const moderationQueueSchema = pageOf(moderationQueueItemSchema);
export type ModerationQueue = z.infer<typeof moderationQueueSchema>;

export const DECISIONS = ['approve', 'reject'] as const;
export const decisionRequestSchema = z.object({
  decision: z.enum(DECISIONS),
  // Required for a reject: checked by gallery-api's moderation service, which owns the rule.
  reason: text().max(MAX_REASON_LENGTH).optional(),
});
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

export const moderationEventSchema = z.object({
  id: z.number().int(),
  creationId: z.string(),
  decision: z.enum(DECISIONS),
  reason: z.string().nullable(),
  staffUsername: z.string().nullable(),
  createdAt: z.string(),
});
export type ModerationEvent = z.infer<typeof moderationEventSchema>;

export type PreviewIngredient = PublishPreview['ingredients'][number];
export type IngredientRole = Ingredient['role'];
export type CreationStatus = (typeof CREATION_STATUSES)[number];
export type Decision = (typeof DECISIONS)[number];
