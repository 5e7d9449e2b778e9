import { z } from 'zod';
import { MODEL_LICENCE_FLAGS, type ModelLicence, type ModelRef, type RemixParams } from '../../jobs/remix.job';
import { FIXED_STYLES, TOOL_OF_MODEL, type SafetyReport, type Tool, type ToolParams } from '../../jobs/tools.job';
import type { Remix } from '../../services/remix-view';
import { commonErrors, errorSchema, type Expect, type Interchangeable, type SameKeys } from '../schemas';

const workId = z.string().min(1).max(200);

const styleParams = z.strictObject({
  styleWorkId: workId,
  strength: z.number().min(0).max(1),
  mixWorkId: workId.optional(),
  mixWeight: z.number().min(0).max(1).optional(),
  recipeId: z.string().regex(/^[a-z0-9-]{3,60}$/).optional(),
});

const source = {
  source: z.enum(['canvas', 'work']),
  workId: workId.optional(),
};
const needsWork = (p: { source: string; workId?: string }) => p.source !== 'work' || !!p.workId;
const workMessage = { message: 'workId is required when source is work', path: ['workId'] };

const cutoutParams = z.strictObject(source).refine(needsWork, workMessage);
const upscaleParams = z
  .strictObject({ ...source, scale: z.union([z.literal(2), z.literal(4)]) })
  .refine(needsWork, workMessage);
const cartoonParams = z.strictObject({});
// Only the offered styles: the model's rain-princess network is refused here (jobs/tools.job.ts says why).
const fixedStyleParams = z.strictObject({ style: z.enum(FIXED_STYLES).describe('One of the offered fixed styles.') });

const PARAMS: Record<Tool, z.ZodType<ToolParams>> = {
  style: styleParams,
  cutout: cutoutParams,
  upscale: upscaleParams,
  cartoon: cartoonParams,
  'fixed-style': fixedStyleParams,
};

const requestId = z.uuid().describe('Made by the client once per remix: the same id answers the same remix.');
const modelId = z.string().min(1).max(100);
const workIds = z.array(workId).max(50).describe('The collection works on the canvas.');

/**
 * The params shape follows the model; an unknown model is checked as a style remix here and refused with
 * `unknown_model` by the service, as before.
 */
export const remixRequestSchema = z
  .object({
    requestId,
    model: modelId,
    params: z.record(z.string(), z.unknown()),
    workIds,
  })
  .transform((req, ctx) => {
    const parsed = PARAMS[TOOL_OF_MODEL[req.model] ?? 'style'].safeParse(req.params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ['params', ...issue.path] } as never);
      return z.NEVER;
    }
    return { ...req, params: parsed.data };
  });

export const remixIdParams = z.object({ id: z.uuid() });

/**
 * Every tool's params: exactly one of the strict per-tool schemas above matches. In a response it is strict
 * too, so a stored field the contract does not know fails loudly (500, and in the route tests) instead of
 * being dropped on the way out.
 */
export const remixParamsSchema = z.union([styleParams, upscaleParams, cutoutParams, cartoonParams, fixedStyleParams]);

/** Bytes as they are (fastify never serialises a Buffer), published as a binary string. */
const binary = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

/**
 * POST /remixes as published: multipart/form-data with `meta` (JSON: OpenAPI's default for an object part)
 * before `canvas`. The route reads and checks the parts itself (readRemixForm, remixRequestSchema), so this
 * schema only documents them; `params` is listed per tool here and checked against the model there.
 */
export const remixFormSchema = z.object({
  meta: z.object({ requestId, model: modelId, params: remixParamsSchema, workIds }).describe('The remix request, as JSON text.'),
  canvas: binary.describe('The flattened canvas: PNG, JPEG or WebP, at most 20 MB and 4096 × 4096 pixels.'),
});

// ─── Responses ────────────────────────────────────────────────────────────────────────────────────────────

export const modelRefSchema = z.object({
  id: z.string(),
  version: z.string(),
  files: z.array(z.object({ name: z.string(), sha256: z.string() })),
  licence: z
    .object({
      spdx: z.string().nullable().describe('SPDX id as the manifest states it; null when no licence is stated.'),
      uri: z.string().nullable(),
      flags: z.array(z.enum(MODEL_LICENCE_FLAGS)).describe('`non_commercial`, `licence_not_stated`'),
    })
    .optional()
    .describe("The model's licence from its manifest; absent on remixes finished before it was recorded."),
});

const classScores = z.record(z.string(), z.number()).describe('Class probabilities (Drawing, Hentai, Neutral, Porn, Sexy).');

/** jobs/tools.job.ts `SafetyReport`: the nsfwjs pre-screen of the canvas and the output. */
export const safetyReportSchema = z.object({
  screened: z.boolean().describe('false: the screen could not run (model off or missing, a collection work); `note` says why.'),
  flagged: z.boolean(),
  scores: z.object({ input: classScores.optional(), output: classScores.optional() }),
  flagClasses: z.array(z.string()),
  threshold: z.number(),
  model: z.object({ id: z.string(), version: z.string() }).optional(),
  note: z.string().optional(),
});

/** services/remix-view.ts `Remix`: the remix record the studio and gallery-api read. */
export const remixSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']),
    progress: z.number().describe('0–100; 100 once completed.'),
    position: z.number().int().optional().describe('Queued only: 1 = next.'),
    estimateSeconds: z.number().optional().describe('Seconds until done (queued or running); absent until the model has run once.'),
    error: z.string().optional().describe('Failed only: the first line of the reason.'),
    model: modelRefSchema.describe('What the worker ran once completed; the current manifest before that.'),
    params: remixParamsSchema,
    safety: safetyReportSchema.optional().describe('Once the safety screen has run.'),
    screening: z.literal(true).optional().describe('Completed, and the safety screen is still running: `safety` follows within moments.'),
    workIds: z.array(z.string()),
    inputSha256: z.string(),
    output: z.object({ url: z.string(), sha256: z.string(), width: z.number().int(), height: z.number().int() }).optional(),
    createdAt: z.string().describe('ISO 8601'),
    finishedAt: z.string().optional().describe('ISO 8601'),
  })
  .describe('A remix job and its result.');

const remixOrError = { 400: errorSchema, 404: errorSchema, 503: errorSchema, ...commonErrors } as const;

export const createRemixResponses = {
  200: remixSchema.describe('The remix this requestId already made (nothing new was stored).'),
  202: remixSchema.describe('Queued.'),
  400: errorSchema,
  409: errorSchema,
  413: errorSchema,
  415: errorSchema,
  422: errorSchema,
  429: errorSchema,
  503: errorSchema,
  ...commonErrors,
} as const;

export const cancelRemixResponses = {
  200: remixSchema.describe('Cancelled (it was queued, or was cancelled before).'),
  202: remixSchema.describe('Stopping: it was running and the worker is told to abort.'),
  409: errorSchema.describe('`remix_finished`: it has already completed or failed.'),
  ...remixOrError,
} as const;

export const getRemixResponses = { 200: remixSchema, ...remixOrError } as const;

export const remixOutputResponses = {
  200: {
    description: 'The output PNG (immutable under its id).',
    content: { 'image/png': { schema: binary } },
  },
  409: errorSchema.describe('`remix_not_ready`: the remix is not completed.'),
  ...remixOrError,
} as const;

/** The event stream's payloads: each event is serialised through its schema, as every response body is. */
export const remixProgressEventSchema = z.strictObject({
  progress: z.number().describe('0–100, never going back.'),
  status: z.enum(['queued', 'running']).optional(),
  position: z.number().int().optional(),
  estimateSeconds: z.number().optional(),
});
export const remixFailedEventSchema = z.strictObject({ error: z.string() });
export const remixStreamEvents = {
  progress: remixProgressEventSchema,
  completed: remixSchema,
  cancelled: remixSchema,
  failed: remixFailedEventSchema,
} as const;
export type RemixStreamEvent = keyof typeof remixStreamEvents;

export const remixEventsResponses = {
  200: {
    description:
      'Server-sent events: `progress` ({ progress, status?, position?, estimateSeconds? }), then one of `completed` (the Remix), ' +
      '`failed` ({ error }) or `cancelled` (the Remix). A payload off this contract ends the stream without an event (and is logged).',
    content: { 'text/event-stream': { schema: z.string() } },
  },
  ...remixOrError,
} as const;

// The schemas and the types the service builds must not drift apart (a field only one side has fails here).
export type RemixSchemaChecks = [
  Expect<Interchangeable<z.output<typeof remixSchema>, Remix>>,
  Expect<SameKeys<z.output<typeof remixSchema>, Remix>>,
  Expect<SameKeys<NonNullable<z.output<typeof remixSchema>['output']>, NonNullable<Remix['output']>>>,
  Expect<Interchangeable<z.output<typeof remixParamsSchema>, RemixParams>>,
  Expect<Interchangeable<z.output<typeof modelRefSchema>, ModelRef>>,
  Expect<SameKeys<z.output<typeof modelRefSchema>, ModelRef>>,
  Expect<SameKeys<NonNullable<z.output<typeof modelRefSchema>['licence']>, ModelLicence>>,
  Expect<Interchangeable<z.output<typeof safetyReportSchema>, SafetyReport>>,
  Expect<SameKeys<z.output<typeof safetyReportSchema>, SafetyReport>>,
  Expect<SameKeys<z.output<typeof safetyReportSchema>['scores'], SafetyReport['scores']>>,
];
