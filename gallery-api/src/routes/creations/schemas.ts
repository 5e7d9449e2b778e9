import { z } from 'zod';
import type { PublishRequest } from '../../services/creation';
import { MODEL_LICENCE_FLAGS, type ModelRef } from '../../services/provenance';

export const MAX_LAYERS = 200;
export const MAX_REMIXES = 10;
export const MAX_PREVIEW_WORKS = 200;

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const workId = z.string().min(1).max(200);
const layerId = z.string().min(1).max(100);
const finite = z.number().finite();

const strokeSchema = z.object({
  points: z.array(finite).max(20_000),
  color: z.string().max(50),
  size: finite.positive().max(1000),
});

const layerSchema = z.discriminatedUnion('kind', [
  z.object({
    id: layerId, kind: z.literal('work'), workId, x: finite, y: finite, scale: finite, rotation: finite,
    // A detail of the work (IIIF region in its full pixels), recorded in the provenance ingredient.
    region: z.object({ x: z.number().int().min(0), y: z.number().int().min(0), w: z.number().int().min(1), h: z.number().int().min(1) }).optional(),
  }),
  z.object({ id: layerId, kind: z.literal('strokes'), strokes: z.array(strokeSchema).max(5000) }),
  z.object({ id: layerId, kind: z.literal('remix'), remixId: z.uuid(), x: finite, y: finite, width: finite, height: finite }),
]);

export const canvasDocumentSchema = z.object({
  schemaVersion: z.literal(1),
  width: z.number().int().min(1).max(8192),
  height: z.number().int().min(1).max(8192),
  layers: z.array(layerSchema).max(MAX_LAYERS),
});

/** ARCHITECTURE.md `PublishRequest`: the `meta` field of POST /creations. */
export const publishRequestSchema = z.object({
  requestId: z.uuid(),
  title: z.string().trim().min(1, 'The title may not be empty.').max(120),
  altText: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((s) => (s ? s : undefined)),
  licence: z.enum(['cc0', 'by', 'by-sa']),
  document: canvasDocumentSchema,
  remixIds: z.array(z.uuid()).max(MAX_REMIXES).default([]),
});

// The service's own type and the wire schema must not drift apart.
const _sameShape: PublishRequest = {} as z.output<typeof publishRequestSchema>;
void _sameShape;

export const previewBody = z.object({ workIds: z.array(workId).max(MAX_PREVIEW_WORKS) });

export const previewResponse = z.object({
  allowed: z.array(z.enum(['cc0', 'by', 'by-sa'])),
  suggested: z.enum(['cc0', 'by', 'by-sa']),
  ingredients: z.array(
    z.object({
      workId: z.string(),
      title: z.string(),
      creator: z.string().nullable(),
      licence: z.object({ family: z.enum(['cc0', 'pdm', 'by', 'by-sa']), uri: z.string(), label: z.string() }),
      credit: z.string(),
    }),
  ),
});

export const listQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) });
// Unknown ids and renditions are answered 404 by the service, not 400.
export const creationParams = z.object({ id: z.string().max(100) });
export const imageParams = z.object({ id: z.string().max(100), rendition: z.string().max(40) });

const ingredientSchema = z.object({
  workId: z.string(),
  role: z.enum(['composed', 'style']),
  title: z.string(),
  creator: z.string().nullable(),
  institution: z.string().nullable(),
  landingUrl: z.string().nullable(),
  licenceUri: z.string(),
  credit: z.string(),
  regions: z.array(z.object({ x: z.number().int(), y: z.number().int(), w: z.number().int(), h: z.number().int() })).optional(),
});

const modelSchema = z.object({
  id: z.string(),
  version: z.string(),
  files: z.array(z.object({ name: z.string(), sha256: z.string() })),
  licence: z
    .object({
      spdx: z.string().nullable().describe('SPDX id; null when the model states no licence.'),
      uri: z.string().nullable(),
      flags: z.array(z.enum(MODEL_LICENCE_FLAGS)).describe('`non_commercial`, `licence_not_stated`'),
    })
    .optional()
    .describe("The model's licence from its manifest; absent on creations published before it was recorded."),
});

// The stored record's model and the wire schema must not drift apart either.
const _sameModel: ModelRef = {} as z.output<typeof modelSchema>;
const _sameModelBack: z.output<typeof modelSchema> = {} as ModelRef;
void _sameModel;
void _sameModelBack;

export const provenanceSchema = z.object({
  schemaVersion: z.literal(1),
  creationId: z.string(),
  createdAt: z.string(),
  output: z.object({ sha256: z.string(), width: z.number(), height: z.number(), bytes: z.number(), mediaType: z.literal('image/png') }),
  ingredients: z.array(ingredientSchema),
  actions: z.array(
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('compose'), workIds: z.array(z.string()) }),
      z.object({ type: z.literal('draw'), strokes: z.number() }),
      z.object({
        type: z.literal('remix'),
        remixId: z.string(),
        model: modelSchema,
        params: z.record(z.string(), z.unknown()),
        inputSha256: z.string(),
        outputSha256: z.string(),
      }),
    ]),
  ),
  licence: z.object({ id: z.enum(['cc0', 'by', 'by-sa']), uri: z.string() }),
  creditLine: z.string(),
});

export const creationSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  title: z.string(),
  altText: z.string().nullable(),
  licence: z.object({ id: z.enum(['cc0', 'by', 'by-sa']), uri: z.string(), label: z.string() }),
  creditLine: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  thumbUrl: z.string(),
  thumbnailUrl: z.string(),
  workingUrl: z.string(),
  imageUrl: z.string(),
  ingredients: z.array(ingredientSchema),
});

export const creationDetailSchema = creationSchema.extend({
  provenance: provenanceSchema,
  jsonLd: z.record(z.string(), z.unknown()),
});

export const creationListSchema = z.object({
  items: z.array(creationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
