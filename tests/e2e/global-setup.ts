import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildStudio, REPO_ROOT, runCli, startStack } from '../../scripts/stack';
import { createTestDatabase, prepareTemplateDatabase } from '../../gallery-api/src/db/test-database';

/**
 * The whole studio on real parts for the journey: a fresh database on the machine's Postgres, the machine's
 * Redis with a private queue prefix, the real models, a fresh build of studio-web.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  await prepareTemplateDatabase();
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-e2e-'));
  buildStudio();
  const stack = await startStack({
    dataDir,
    databaseUrl: db.url,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    modelDir: process.env.MODEL_DIR ?? resolve(REPO_ROOT, '../shared/models'),
    queuePrefix: `e2e-${randomBytes(4).toString('hex')}`,
    quiet: true,
    log: (line) => {
      if (process.env.E2E_VERBOSE || /error|fail/i.test(line)) console.log(line);
    },
  });
  process.env.E2E_BASE_URL = stack.studioUrl;
  process.env.E2E_STACK_ENV = JSON.stringify(stack.env);
  process.env.E2E_STAFF_USER = 'e2e-moderator';
  process.env.E2E_STAFF_PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
  runCli({ ...stack.env, STAFF_PASSWORD: process.env.E2E_STAFF_PASSWORD }, 'gallery-api/src/cli/staff.cli.ts', [
    'create',
    process.env.E2E_STAFF_USER,
  ]);
  // One account per other role, on the same password: E2E_ADMIN_USER, E2E_EDUCATOR_USER, E2E_JURY_USER, E2E_JURY2_USER.
  for (const [variable, username, role] of [
    ['E2E_ADMIN_USER', 'e2e-admin', 'admin'],
    ['E2E_EDUCATOR_USER', 'e2e-educator', 'educator'],
    ['E2E_JURY_USER', 'e2e-jury', 'jury'],
    ['E2E_JURY2_USER', 'e2e-jury2', 'jury'],
  ] as const) {
    process.env[variable] = username;
    runCli({ ...stack.env, STAFF_PASSWORD: process.env.E2E_STAFF_PASSWORD }, 'gallery-api/src/cli/staff.cli.ts', ['create', username, '--role', role]);
  }
  // The operator's first step, done once for every test file: import the sample collection.
  const sample = process.env.COLLECTION_SAMPLE_DIR ?? resolve(REPO_ROOT, '../shared/collection-sample');
  process.env.E2E_FIRST_IMPORT = runCli(stack.env, 'gallery-api/src/cli/collection.cli.ts', ['import-folder', sample]);
  return async () => {
    await stack.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
