import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRemixWorker, tellGroupOnEnd } from './index';

describe('createRemixWorker', () => {
  it('refuses to start when a job name has no processor', () => {
    expect(() => createRemixWorker({}, { connection: {} as Redis, prefix: 'x', concurrency: 1 })).toThrow(/no processor for job names: remix, print/);
  });
});

describe('tellGroupOnEnd', () => {
  const job = (fairness?: { sessionId: string; groupId?: string }) => ({ data: { remixId: 'r', model: 'm', tool: 'style' as const, params: {}, workIds: [], inputKey: 'inputs/r.png', inputSha256: '', ...(fairness ? { fairness } : {}) } });

  it("tells the groups of an ended remix of a workshop group, and of nobody else's", async () => {
    const told: string[] = [];
    const ended = tellGroupOnEnd({ jobEnded: async (groupId) => void told.push(groupId) }, () => expect.fail('no error'));
    ended(job({ sessionId: 's', groupId: 'g1' }));
    ended(job({ sessionId: 's' })); // a visitor's remix
    ended(job()); // a print, or a job from before fairness
    ended(undefined); // BullMQ's `failed` may come without its job
    await Promise.resolve();
    expect(told).toEqual(['g1']);
  });

  it('hands a failure to onError instead of leaving a rejection unhandled', async () => {
    const errors: Error[] = [];
    const failed = new Promise<void>((resolve) => {
      const ended = tellGroupOnEnd(
        { jobEnded: async () => Promise.reject(new Error('ECONNREFUSED')) },
        (err) => {
          errors.push(err);
          resolve();
        },
      );
      ended(job({ sessionId: 's', groupId: 'g1' }));
    });
    await failed;
    expect(errors.map((e) => e.message)).toEqual(['ECONNREFUSED']);
  });
});
