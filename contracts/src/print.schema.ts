import { z } from 'zod';
import { PRINT_MAX_LONG_SIDE, PRINT_SIZE_IDS, type PrintSize } from './print';

export * from './print';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

/** gallery-api's staff route: which paper size (query `size`). */
export const printSizeSchema = z.enum(PRINT_SIZE_IDS as [PrintSize, ...PrintSize[]]);

/**
 * POST /api/inference/prints (gallery-api → inference-service): upscale an approved creation's full image to a long
 * side. A reference, never bytes: the worker reads the image from gallery-api's public creation image itself.
 */
export const printRequestSchema = z.strictObject({
  printId: uuid.describe('Made by gallery-api from creation, image and size: the same print is made once.'),
  creationId: uuid,
  longSide: z.number().int().min(64).max(PRINT_MAX_LONG_SIDE),
  model: z.string().min(1).max(100).describe('An enabled upscale model (its manifest names the tool `upscale`).'),
});
export type PrintRequest = z.infer<typeof printRequestSchema>;

/** GET /api/inference/prints/:id: the job's state; `output` once done. */
export const printStatusSchema = z.strictObject({
  printId: uuid,
  state: z.enum(['queued', 'running', 'done', 'failed']),
  output: z.strictObject({ width: z.number().int(), height: z.number().int(), sha256: z.string() }).optional(),
  error: z.string().optional(),
});
export type PrintStatus = z.infer<typeof printStatusSchema>;
