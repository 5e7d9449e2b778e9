import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { runCli, startStack } from '../../scripts/stack';
import { createTestDatabase, prepareTemplateDatabase } from '../../gallery-api/src/db/test-database';

export interface BenchStack {
  studioUrl: string;
  inferenceUrl: string;
  /** The remix queue, to read each job's timestamps and timings. */
  queue: Queue;
  dataDir: string;
  prefix: string;
}

/**
 * The whole studio for a benchmark (gallery-api, inference API and worker, studio proxy) on its own database,
 * storage folder and queue prefix, with the sample collection imported and the quotas out of the way; stopped
 * and removed after `fn`.
 */
export async function withBenchStack<T>(
  options: { modelDir: string; sampleDir: string; env?: Record<string, string> },
  fn: (stack: BenchStack) => Promise<T>,
): Promise<T> {
  await prepareTemplateDatabase();
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-bench-'));
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const stack = await startStack({
    dataDir,
    databaseUrl: db.url,
    redisUrl: process.env.REDIS_URL,
    modelDir: options.modelDir,
    queuePrefix: prefix,
    quiet: true,
    env: { REMIX_SESSION_MAX_PER_HOUR: '100000', REMIX_RATE_LIMIT_PER_MINUTE: '100000', ...options.env },
    log: (l) => (/"level":"error"|Error/.test(l) ? console.error(l) : undefined),
  });
  const connection = new Redis(stack.env.REDIS_URL!, { maxRetriesPerRequest: null });
  const queue = new Queue('remix', { connection, prefix });
  try {
    runCli(stack.env, 'gallery-api/src/cli/collection.cli.ts', ['import-folder', options.sampleDir]);
    return await fn({ studioUrl: stack.studioUrl, inferenceUrl: stack.inferenceUrl, queue, dataDir, prefix });
  } finally {
    await queue.close();
    connection.disconnect();
    await stack.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
