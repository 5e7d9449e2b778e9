import { z } from 'zod';

const healthSchema = z.object({
  ok: z.boolean(),
  database: z.boolean().describe('PostgreSQL answered within 3 s.'),
  storage: z
    .object({ ok: z.boolean(), freeBytes: z.number().describe('Room left in GALLERY_STORAGE_DIR.') })
    .describe('ok: at least GALLERY_STORAGE_MIN_FREE_MB free; below it publishes are refused (507).'),
});

export const healthResponses = {
  200: healthSchema.describe('The database answers and the storage has room.'),
  503: healthSchema.describe('The database does not answer (reads and publishes answer 503 meanwhile) or the storage is full.'),
} as const;
