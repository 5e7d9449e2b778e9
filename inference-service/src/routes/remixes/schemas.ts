import { z } from 'zod';
import { errorBodySchema, remixParamsSchema, remixRequestSchema, remixSchema } from '@atelier/contracts';
import { commonErrors } from '../schemas';

export const remixIdParams = z.object({ id: z.uuid() });

/** Bytes as they are (fastify never serialises a Buffer), published as a binary string. */
const binary = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

/**
 * POST /remixes as published: multipart/form-data with `meta` (JSON: OpenAPI's default for an object part)
 * before `canvas`. The route reads the parts itself and parses `meta` with `remixRequestSchema`; `params`
 * is listed per tool here and checked against the model's tool by the service.
 */
export const remixFormSchema = z.object({
  meta: remixRequestSchema.extend({ params: remixParamsSchema }).describe('The remix request, as JSON text.'),
  canvas: binary.describe('The flattened canvas: PNG, JPEG or WebP, at most 20 MB and 4096 × 4096 pixels.'),
});

const remixOrError = { 400: errorBodySchema, 404: errorBodySchema, 503: errorBodySchema, ...commonErrors } as const;

export const createRemixResponses = {
  200: remixSchema.describe('The remix this requestId already made (nothing new was stored).'),
  202: remixSchema.describe('Queued.'),
  400: errorBodySchema,
  409: errorBodySchema,
  413: errorBodySchema,
  415: errorBodySchema,
  422: errorBodySchema,
  429: errorBodySchema,
  503: errorBodySchema,
  507: errorBodySchema.describe('The storage is full (storage_full): nothing was stored.'),
  ...commonErrors,
} as const;

export const cancelRemixResponses = {
  200: remixSchema.describe('Cancelled (it was queued, or was cancelled before).'),
  202: remixSchema.describe('Stopping: it was running and the worker is told to abort.'),
  409: errorBodySchema.describe('`remix_finished`: it has already completed or failed.'),
  ...remixOrError,
} as const;

export const getRemixResponses = { 200: remixSchema, ...remixOrError } as const;

export const remixOutputResponses = {
  200: {
    description: 'The output PNG (immutable under its id).',
    content: { 'image/png': { schema: binary } },
  },
  409: errorBodySchema.describe('`remix_not_ready`: the remix is not completed.'),
  ...remixOrError,
} as const;

export const remixEventsResponses = {
  200: {
    description:
      'Server-sent events (contracts `REMIX_EVENT_SCHEMAS`): `progress` ({ progress 0..1, status?, position?, estimateSeconds? }) ' +
      'while it waits and runs; `completed` (the Remix, `screening: true`) once the output is stored; then `screened` (the Remix ' +
      'with `safety`), which ends the stream; or `failed` ({ error }) or `cancelled` (the Remix), which end it too. A late ' +
      'subscriber to a screened remix gets `completed` and `screened` at once. A payload off this contract ends the stream ' +
      'without an event (and is logged).',
    content: { 'text/event-stream': { schema: z.string() } },
  },
  ...remixOrError,
} as const;
