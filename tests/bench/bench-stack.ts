import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { VisitorSessions, VISITOR_COOKIE } from '@atelier/common/visitor-session';
import { runCli, startStack } from '../../scripts/stack';
import { createTestDatabase, prepareTemplateDatabase } from '../../gallery-api/src/db/test-database';

export interface BenchStack {
  studioUrl: string;
  inferenceUrl: string;
  /** The remix queue, to read each job's timestamps and timings. */
  queue: Queue;
  dataDir: string;
  prefix: string;
  /** The environment the stack's processes run with (a second worker started with it joins the same queue). */
  env: Record<string, string>;
  /** The session cookie of the visitor `label` names (one per label), as the studio's browser would hold it. */
  visitor(label: string): { cookie: string };
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
    env: { REMIX_SESSION_MAX_PER_HOUR: '100000', REMIX_RATE_LIMIT_PER_MINUTE: '0', REMIX_SESSION_RATE_LIMIT_PER_MINUTE: '0', ...options.env },
    log: (l) => (/"level":"error"|Error/.test(l) ? console.error(l) : undefined),
  });
  const connection = new Redis(stack.env.REDIS_URL!, { maxRetriesPerRequest: null });
  const queue = new Queue('remix', { connection, prefix });
  try {
    runCli(stack.env, 'gallery-api/src/cli/collection.cli.ts', ['import-folder', options.sampleDir]);
    // Minted with the stack's own secret, so each label is one visitor session to both APIs.
    const sessions = new VisitorSessions({ secret: stack.env.ATELIER_SESSION_SECRET!, ttlMs: 3_600_000, secureCookie: false });
    const visitors = new Map<string, { cookie: string }>();
    const visitor = (label: string) => {
      let v = visitors.get(label);
      if (!v) visitors.set(label, (v = { cookie: `${VISITOR_COOKIE}=${sessions.mint().token}` }));
      return v;
    };
    return await fn({ studioUrl: stack.studioUrl, inferenceUrl: stack.inferenceUrl, queue, dataDir, prefix, env: stack.env, visitor });
  } finally {
    await queue.close();
    connection.disconnect();
    await stack.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
