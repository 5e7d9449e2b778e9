import { z } from 'zod';
import { TOOL_OF_MODEL, type Tool, type ToolParams } from '../../jobs/tools.job';

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

const PARAMS: Record<Tool, z.ZodType<ToolParams>> = {
  style: styleParams,
  cutout: cutoutParams,
  upscale: upscaleParams,
  cartoon: cartoonParams,
};

/**
 * The params shape follows the model; an unknown model is checked as a style remix here and refused with
 * `unknown_model` by the service, as before.
 */
export const remixRequestSchema = z
  .object({
    requestId: z.uuid(),
    model: z.string().min(1).max(100),
    params: z.record(z.string(), z.unknown()),
    workIds: z.array(workId).max(50),
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
