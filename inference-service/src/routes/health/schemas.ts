import { z } from 'zod';

const healthSchema = z.object({
  ok: z.boolean(),
  redis: z.boolean(),
  workers: z.number().int().describe('Remix workers whose heartbeat has not lapsed (a worker beats every 5 s; 15 s without one and it counts as gone).'),
  storage: z
    .object({ ok: z.boolean(), freeBytes: z.number().describe('Room left in INFERENCE_STORAGE_DIR.') })
    .describe('ok: at least INFERENCE_STORAGE_MIN_FREE_MB free; below it uploads are refused (507).'),
  models: z
    .object({ ready: z.array(z.string()), warming: z.array(z.string()) })
    .describe('Enabled models a worker has warmed, and those it is still warming (a remix of one waits for its load; ok stays true).'),
});

export const healthResponses = {
  200: healthSchema.describe('Redis answers, at least one worker is running and the storage has room: remixes are made.'),
  503: healthSchema.describe('Redis does not answer, no worker is running, or the storage is full: remixes wait or are refused.'),
} as const;
