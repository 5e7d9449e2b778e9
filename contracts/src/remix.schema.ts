import { z } from 'zod';
import { bilingualSchema, fraction, modelIdSchema, modelRefSchema, toolSchema } from './model.schema';
import { workIdSchema } from './text.schema';
import { FIXED_STYLES, type Tool } from './tools';

/**
 * A remix: the request the studio sends to inference-service, the record it answers with (which gallery-api
 * also reads at publish), and the events of its one event stream.
 */

const workId = workIdSchema;
/** A curated recipe's id (prompts/recipes). */
export const recipeIdSchema = z.string().regex(/^[a-z0-9-]{3,60}$/);

/** style: a collection work's style at a strength, optionally mixed with a second work's, or a curated recipe. */
export const styleParamsSchema = z.strictObject({
  styleWorkId: workId,
  strength: fraction,
  /** A second work whose style is mixed in. */
  mixWorkId: workId.optional(),
  /** 0 = only `styleWorkId`'s style, 1 = only `mixWorkId`'s (default 0.5). */
  mixWeight: fraction.optional(),
  /** A curated recipe (prompts/recipes) whose precomputed style vector stands in for `styleWorkId`'s. */
  recipeId: recipeIdSchema.optional(),
});

const source = {
  source: z.enum(['canvas', 'work']).describe('The uploaded canvas, or one collection work.'),
  /** Required when `source` is `work`. */
  workId: workId.optional(),
};
const needsWork = (p: { source: string; workId?: string | undefined }) => p.source !== 'work' || !!p.workId;
const workMessage = { message: 'workId is required when source is work', path: ['workId'] };

/** cut-out: of the canvas or of one collection work. */
export const cutoutParamsSchema = z.strictObject(source).refine(needsWork, workMessage);
/** upscale: ×2 or ×4, of the canvas or of one collection work. */
export const upscaleParamsSchema = z.strictObject({ ...source, scale: z.union([z.literal(2), z.literal(4)]) }).refine(needsWork, workMessage);
export const cartoonParamsSchema = z.strictObject({});
/** Only the offered styles: the model's rain-princess network is refused here (tools.ts says why). */
export const fixedStyleParamsSchema = z.strictObject({ style: z.enum(FIXED_STYLES).describe('One of the offered fixed styles.') });

export type StyleParams = z.infer<typeof styleParamsSchema>;
export type CutoutParams = z.infer<typeof cutoutParamsSchema>;
export type UpscaleParams = z.infer<typeof upscaleParamsSchema>;
export type CartoonParams = z.infer<typeof cartoonParamsSchema>;
export type FixedStyleParams = z.infer<typeof fixedStyleParamsSchema>;

/** Each tool's parameters. */
export interface ParamsOfTool {
  style: StyleParams;
  cutout: CutoutParams;
  upscale: UpscaleParams;
  cartoon: CartoonParams;
  'fixed-style': FixedStyleParams;
}
export type ToolParams = ParamsOfTool[Tool];

export const TOOL_PARAMS_SCHEMAS: { readonly [T in Tool]: z.ZodType<ParamsOfTool[T]> } = {
  style: styleParamsSchema,
  cutout: cutoutParamsSchema,
  upscale: upscaleParamsSchema,
  cartoon: cartoonParamsSchema,
  'fixed-style': fixedStyleParamsSchema,
};

/**
 * Any tool's params, as a remix record answers them. Strict, so a stored field the contract does not know
 * fails loudly (500, and in the route tests) instead of being dropped on the way out.
 */
export const remixParamsSchema = z.union([styleParamsSchema, upscaleParamsSchema, cutoutParamsSchema, cartoonParamsSchema, fixedStyleParamsSchema]);

/**
 * The `meta` part of POST /api/inference/remixes. `params` is checked against the model's tool once the model
 * is known (`TOOL_PARAMS_SCHEMAS`): the tool comes from the model's manifest, never from the request.
 */
export const remixRequestSchema = z.object({
  requestId: z.uuid().describe('Made by the client once per remix: the same id answers the same remix.'),
  model: modelIdSchema,
  params: z.record(z.string(), z.unknown()).describe("The model's tool's parameters (see ToolParams)."),
  workIds: z.array(workId).max(50).describe('The collection works on the canvas.'),
});
export type RemixRequest = z.infer<typeof remixRequestSchema>;
/** A request whose params were checked against its model's tool. */
export type CheckedRemixRequest = Omit<RemixRequest, 'params'> & { params: ToolParams };

const classScores = z.record(z.string(), z.number()).describe('Class probabilities (Drawing, Hentai, Neutral, Porn, Sexy).');

/**
 * The safety pre-screen of a remix (nsfwjs): the visitor's canvas and the output, never a collection work.
 * A flag never drops a remix: gallery-api sends a creation that uses a flagged remix to moderation with these
 * scores. `screened: false` says the screen could not run (model off or missing) and why.
 */
export const safetyReportSchema = z.object({
  screened: z.boolean().describe('false: the screen could not run (model off or missing, a collection work); `note` says why.'),
  flagged: z.boolean(),
  scores: z.object({ input: classScores.optional(), output: classScores.optional() }),
  /** Flagged when the sum of `flagClasses` reaches `threshold` on any screened image. */
  flagClasses: z.array(z.string()),
  threshold: z.number(),
  model: z.object({ id: z.string(), version: z.string() }).optional(),
  note: z.string().optional(),
});
export type SafetyReport = z.infer<typeof safetyReportSchema>;

export const REMIX_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;

/**
 * What a queued remix waits for besides its turn: no remix worker is running (`worker`: it starts when one is back),
 * or the collection could not be reached while it ran (`collection`: it is tried again by itself, within a bound).
 */
export const REMIX_WAITING_FOR = ['worker', 'collection'] as const;
export type RemixWaitingFor = (typeof REMIX_WAITING_FOR)[number];
const waitingForSchema = z.enum(REMIX_WAITING_FOR).optional();

/**
 * What kind of failure ended a remix, so a client can say it in the visitor's language: its remix worker died more
 * often than allowed (`worker_crashed`), the collection stayed out of reach (`collection_unreachable`), no room to
 * store the result (`storage_full`), it ran too long (`timeout`), anything else (`failed`).
 */
export const REMIX_FAILURES = ['worker_crashed', 'collection_unreachable', 'storage_full', 'timeout', 'failed'] as const;
export type RemixFailure = (typeof REMIX_FAILURES)[number];
const failureSchema = z.enum(REMIX_FAILURES);
export type RemixStatus = (typeof REMIX_STATUSES)[number];

/** The remix record (GET /api/inference/remixes/:id) the studio and gallery-api read. */
export const remixSchema = z
  .object({
    id: z.string(),
    status: z.enum(REMIX_STATUSES),
    tool: toolSchema.describe("The model's tool, from its manifest."),
    progress: fraction.describe('0..1; 1 once completed.'),
    position: z.number().int().optional().describe('Queued only: 1 = next.'),
    waitingFor: waitingForSchema.describe('Queued only: `worker` (no remix worker is running) or `collection` (it is tried again once the collection answers).'),
    estimateSeconds: z.number().optional().describe('Seconds until done (queued or running); absent until the model has run once.'),
    error: z.string().optional().describe('Failed only: the reason in plain words (never an address or a path).'),
    errorCode: failureSchema.optional().describe('Failed only: what kind of failure.'),
    model: modelRefSchema.describe('What the worker ran once completed; the current manifest before that.'),
    params: remixParamsSchema,
    safety: safetyReportSchema.optional().describe('Once the safety screen has run.'),
    screening: z.literal(true).optional().describe('Completed, and the safety screen is still running: the `screened` event follows.'),
    workIds: z.array(z.string()),
    inputSha256: z.string(),
    output: z.object({ url: z.string(), sha256: z.string(), width: z.number().int(), height: z.number().int() }).optional(),
    createdAt: z.string().describe('ISO 8601'),
    finishedAt: z.string().optional().describe('ISO 8601'),
  })
  .describe('A remix job and its result.');
export type Remix = z.infer<typeof remixSchema>;

/** GET /api/inference/recipes: a curated style as the studio shows it (its style vector stays on the server). */
export const recipeListingSchema = z.object({
  id: recipeIdSchema,
  model: modelIdSchema,
  title: bilingualSchema,
  lookFor: bilingualSchema.describe('One line: what to look for in the result.'),
  params: styleParamsSchema.pick({ styleWorkId: true, strength: true }),
  precomputed: z.boolean().describe('The style vector was computed ahead (`npm run recipes -- compute`), so no style prediction runs.'),
});
export type RecipeListing = z.infer<typeof recipeListingSchema>;

// ─── The event stream: GET /api/inference/remixes/:id/events ────────────────────────────────────────────

/** Where a waiting or running remix is; a new one follows whenever it changes. */
export const remixProgressEventSchema = z.strictObject({
  progress: fraction.describe('0..1, never going back.'),
  status: z.enum(['queued', 'running']).optional(),
  position: z.number().int().optional(),
  estimateSeconds: z.number().optional(),
  waitingFor: waitingForSchema,
});
export const remixFailedEventSchema = z.strictObject({ error: z.string(), code: failureSchema.optional() });

/**
 * One stream per remix carries its whole life: `progress` (position, estimate, progress) while it waits and
 * runs, then `completed` (the Remix, as soon as the output is stored) and `screened` (the Remix with its safety
 * report, which ends the stream); or `failed` or `cancelled`, which end it too. Every payload goes through its
 * schema on the way out, as a response body does.
 */
export const REMIX_EVENT_SCHEMAS = {
  progress: remixProgressEventSchema,
  completed: remixSchema,
  screened: remixSchema,
  failed: remixFailedEventSchema,
  cancelled: remixSchema,
} as const;
export type RemixEventName = keyof typeof REMIX_EVENT_SCHEMAS;
export const REMIX_EVENT_NAMES = Object.keys(REMIX_EVENT_SCHEMAS) as RemixEventName[];
/** The events after which the stream ends. */
export const REMIX_FINAL_EVENTS: readonly RemixEventName[] = ['screened', 'failed', 'cancelled'];
export type RemixStreamEvent = {
  [K in RemixEventName]: { event: K; data: z.infer<(typeof REMIX_EVENT_SCHEMAS)[K]> };
}[RemixEventName];
export type RemixProgressEvent = z.infer<typeof remixProgressEventSchema>;
