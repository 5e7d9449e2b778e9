import { z } from 'zod';
import { FIXED_STYLES, MODEL_LICENCE_FLAGS, TOOLS } from './tools';

/** A short text in both interface languages (a recipe's title, a model's label). */
export const bilingualSchema = z.object({ nl: z.string().min(1).max(200), en: z.string().min(1).max(200) });
export type Bilingual = z.infer<typeof bilingualSchema>;

/** A fraction 0..1: the unit of every strength, weight and progress on the wire and in state. */
export const fraction = z.number().min(0).max(1);

export const toolSchema = z.enum(TOOLS).describe('A remix tool: `style`, `cutout`, `upscale`, `cartoon`, `fixed-style`.');

export const modelIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'a model id: lowercase letters, digits and -')
  .max(100);

/** The model's licence as its manifest states it: it travels with each remix into a creation's provenance. */
export const modelLicenceSchema = z.object({
  spdx: z.string().nullable().describe('SPDX id as the manifest states it; null when no licence is stated.'),
  uri: z.string().nullable(),
  flags: z.array(z.enum(MODEL_LICENCE_FLAGS)).describe('`non_commercial`, `licence_not_stated`'),
});
export type ModelLicence = z.infer<typeof modelLicenceSchema>;

/** What ran: id, version and the sha256 of each file, and the model's licence. */
export const modelRefSchema = z.object({
  id: z.string(),
  version: z.string(),
  files: z.array(z.object({ name: z.string(), sha256: z.string() })),
  licence: modelLicenceSchema
    .optional()
    .describe("The model's licence from its manifest; absent on remixes and creations from before it was recorded."),
});
export type ModelRef = z.infer<typeof modelRefSchema>;

/**
 * A manifest's defaults: the one source for a tool's starting values (the studio's sliders and choices) and
 * for the safety policy. Strict, so a default the code does not read cannot sit in a manifest unnoticed.
 */
export const modelDefaultsSchema = z.strictObject({
  strength: fraction.optional().describe('style: how much of the style, 0..1'),
  style: z.enum(FIXED_STYLES).optional().describe('fixed-style: the style chosen first'),
  scale: z.union([z.literal(2), z.literal(4)]).optional().describe('upscale: the factor chosen first'),
  flagClasses: z.array(z.string().min(1)).min(1).optional().describe('safety classifier: the classes summed for a flag'),
  threshold: fraction.optional().describe('safety classifier: the sum that flags'),
});
export type ModelDefaults = z.infer<typeof modelDefaultsSchema>;

/** GET /api/inference/models: a manifest as the studio shows it. */
export const modelListingSchema = z.object({
  id: z.string(),
  version: z.string(),
  task: z.string(),
  title: z.string(),
  label: bilingualSchema.optional().describe("What a visitor chooses when a tool has several models (\"Photo\", \"Drawing\")."),
  tool: toolSchema.optional().describe('The remix tool that runs the model; absent for the safety classifier.'),
  licence: modelLicenceSchema.extend({ note: z.string().optional() }),
  defaults: modelDefaultsSchema,
  enabled: z.boolean(),
  disabledReason: z
    .enum(['operator', 'no_adapter'])
    .optional()
    .describe('`operator`: not switched on (INFERENCE_MODELS or its manifest); `no_adapter`: this service cannot run it.'),
  ready: z
    .boolean()
    .optional()
    .describe('Enabled models: a running worker has it loaded, so a remix starts at once. false: the workers are still warming it up (a remix now waits for the load).'),
});
export type ModelListing = z.infer<typeof modelListingSchema>;

