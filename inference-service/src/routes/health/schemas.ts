import { z } from 'zod';

const healthSchema = z.object({ ok: z.boolean(), redis: z.boolean() });

export const healthResponses = {
  200: healthSchema.describe('Redis answers.'),
  503: healthSchema.describe('Redis does not answer: remixes can be neither queued nor read.'),
} as const;
