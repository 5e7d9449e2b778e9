import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRemixWorker } from './index';

describe('createRemixWorker', () => {
  it('refuses to start when a job name has no processor', () => {
    expect(() => createRemixWorker({}, { connection: {} as Redis, prefix: 'x', concurrency: 1 })).toThrow(/no processor for job names: remix, print/);
  });
});
