/**
 * `npm start`: the whole studio on one machine with embedded defaults.
 * Database: DATABASE_URL, else embedded PGlite in .atelier/pglite. Redis: REDIS_URL, else 127.0.0.1:6379,
 * else a private redis-server. Models: MODEL_DIR, else .atelier/models, else ../shared/models (dev checkout).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { ensureLocalModerator } from './moderator';
import { buildStudio, REPO_ROOT, runCli, startStack } from './stack';

const dataDir = resolve(REPO_ROOT, process.env.ATELIER_DATA_DIR ?? '.atelier');

function hasModels(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((d) => existsSync(resolve(dir, d)));
}

function resolveModelDir(): string {
  if (process.env.MODEL_DIR) return resolve(process.env.MODEL_DIR);
  const own = resolve(dataDir, 'models');
  if (hasModels(own)) return own;
  const workplace = resolve(REPO_ROOT, '../shared/models');
  if (hasModels(workplace)) return workplace;
  console.warn(
    `No models found. Import them with: npm run models -- import <folder>  (into ${own})\n` +
      'The studio starts, but remixes fail until the models are there.',
  );
  return own;
}

/**
 * Visitor sessions are signed with ATELIER_SESSION_SECRET (both APIs, the same value). Made once at first start
 * and kept in the data folder, readable by this user only, like the moderator password: sessions survive a restart.
 */
function sessionSecret(): string {
  if (process.env.ATELIER_SESSION_SECRET) return process.env.ATELIER_SESSION_SECRET;
  const file = resolve(dataDir, 'session-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

const modelDir = resolveModelDir();
buildStudio();
const stack = await startStack({
  dataDir,
  databaseUrl: process.env.DATABASE_URL,
  redisUrl: process.env.REDIS_URL,
  modelDir,
  // A service that exits on its own (a crash) is started again: visitors see a short 503, not a dead studio.
  restart: true,
  // Request logs stay quiet unless asked for: the console is for the operator.
  env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ATELIER_SESSION_SECRET: sessionSecret() },
  ports: {
    gallery: Number(process.env.GALLERY_PORT ?? 4000),
    inference: Number(process.env.INFERENCE_PORT ?? 4100),
    studio: Number(process.env.STUDIO_PORT ?? 8080),
  },
});

const seed = process.env.COLLECTION_SEED_DIR ?? resolve(REPO_ROOT, '../shared/collection-sample');
if (existsSync(resolve(seed, 'works.json'))) {
  console.log(`importing the collection in ${seed} (re-running only updates) …`);
  try {
    console.log(runCli(stack.env, 'gallery-api/src/cli/collection.cli.ts', ['import-folder', seed]));
  } catch (err) {
    // Some works failed (a missing image, say): the rest is imported and the studio is still usable.
    console.warn((err as Error).message);
  }
} else {
  console.log('No collection folder to seed from. Import one with: npm run collection -- import-folder <dir>');
}

const moderator = ensureLocalModerator(dataDir, (username, password) =>
  runCli({ ...stack.env, STAFF_PASSWORD: password }, 'gallery-api/src/cli/staff.cli.ts', ['create', username]),
);

console.log(`
  Open Atelier is running.
    Studio:      ${stack.studioUrl}/
    Gallery:     ${stack.studioUrl}/gallery
    Moderation:  ${stack.studioUrl}/moderation   (${moderator})
    Models from: ${modelDir}
  Press Ctrl+C to stop.
`);
void sayWhenAllToolsReady(stack.inferenceUrl);

/** The worker takes style remixes at once and warms the heavy models after; say when those are ready too. */
async function sayWhenAllToolsReady(inferenceUrl: string): Promise<void> {
  let said = '';
  for (let i = 0; i < 300; i++) {
    const health = (await fetch(`${inferenceUrl}/api/inference/health`).then((r) => r.json(), () => null)) as { models?: { warming: string[] } } | null;
    const warming = health?.models?.warming;
    if (warming && !warming.length) return console.log('  Every remix tool is ready.');
    if (warming && warming.join() !== said) console.log(`  Still warming up (their first remix waits a few seconds): ${(said = warming.join(', '))}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping …');
    void stack.stop().then(() => process.exit(0));
  });
}
