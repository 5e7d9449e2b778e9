import { z } from 'zod';

/**
 * The one error body every service answers with: `error.code` is stable and machine-read, `error.message`
 * is for people, `details` depends on the code. 4xx for bad input, 5xx for our side (ARCHITECTURE.md).
 */
export const errorBodySchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .describe('An error: `error.code` is stable, `error.message` is for people, `details` depends on the code.');

export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
