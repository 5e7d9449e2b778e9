import { z } from 'zod';

export const remixRequestSchema = z.object({
  requestId: z.uuid(),
  model: z.string().min(1).max(100),
  params: z.object({
    styleWorkId: z.string().min(1).max(200),
    strength: z.number().min(0).max(1),
  }),
  workIds: z.array(z.string().min(1).max(200)).max(50),
});

export const remixIdParams = z.object({ id: z.uuid() });
