/**
 * Starts the whole studio as child processes: gallery-api, inference API, inference worker and the
 * studio web server. Used by `npm start` (embedded defaults) and by the end-to-end tests (real Postgres).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
const TSX = ['--import', 'tsx'];

export interface StackOptions {
  /** Folder for PGlite data, storage and a private Redis; kept between runs for `npm start`. */
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  modelDir: string;
  queuePrefix?: string;
  ports?: Partial<Record<'gallery' | 'inference' | 'studio', number>>;
  /** Extra environment for every service. */
  env?: Record<string, string>;
  log?: (line: string) => void;
  /** Where service output goes: inherit (npm start) or a prefix-tagged log callback. */
  quiet?: boolean;
  /**
   * Start a service again when it exits on its own (npm start): after 1 s, doubling to 30 s while it keeps
   * failing, back to 1 s once it ran a minute. Off for tests and benchmarks, where an exit is a finding.
   */
  restart?: boolean;
}

export interface Stack {
  studioUrl: string;
  galleryUrl: string;
  inferenceUrl: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const srv = createServer();
    srv.once('error', () => ok(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => ok(true)));
  });
}

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** REDIS_URL, else a server on 127.0.0.1:6379, else a private redis-server child, else a clear error. */
export async function resolveRedis(
  dataDir: string,
  explicit?: string,
): Promise<{ url: string; child?: ChildProcess; how: string }> {
  if (explicit) {
    if (!(await redisAnswers(explicit))) throw new Error(`REDIS_URL=${explicit} does not answer.`);
    return { url: explicit, how: 'REDIS_URL' };
  }
  const local = 'redis://127.0.0.1:6379';
  if (await redisAnswers(local)) return { url: local, how: 'the Redis server on 127.0.0.1:6379' };
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'Open Atelier needs Redis for its job queue and none was found.\n' +
        '  - Debian/Ubuntu: sudo apt-get install redis-server   (then run npm start again)\n' +
        '  - macOS: brew install redis\n' +
        '  - or point REDIS_URL at a Redis 6.2+ server (maxmemory-policy noeviction).',
    );
  }
  const port = await freePort();
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  // Append-only file and noeviction: queue keys must survive a restart and never be evicted.
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await redisAnswers(url)); i++) await new Promise((r) => setTimeout(r, 100));
  return { url, child, how: `a private redis-server on port ${port} (data in ${dir})` };
}

async function waitHealthy(url: string, name: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs} ms`);
}

export function buildStudio(log: (l: string) => void = console.log): void {
  log('building studio-web …');
  const res = spawnSync('npm', ['run', 'build', '-w', 'studio-web', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('studio-web build failed');
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const log = opts.log ?? ((l: string) => console.log(l));
  mkdirSync(opts.dataDir, { recursive: true });
  const redis = await resolveRedis(opts.dataDir, opts.redisUrl);
  log(`redis: ${redis.how}`);
  for (const [name, port] of Object.entries(opts.ports ?? {})) {
    // Otherwise a service from an earlier run would answer our health checks and hide the new one's failure.
    if (port && !(await portIsFree(port)))
      throw new Error(`Port ${port} (${name}) is in use: is Open Atelier already running? Stop it, or choose another port.`);
  }
  const ports = {
    gallery: opts.ports?.gallery ?? (await freePort()),
    inference: opts.ports?.inference ?? (await freePort()),
    studio: opts.ports?.studio ?? (await freePort()),
  };
  const galleryUrl = `http://127.0.0.1:${ports.gallery}`;
  const inferenceUrl = `http://127.0.0.1:${ports.inference}`;
  const studioUrl = `http://127.0.0.1:${ports.studio}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    GALLERY_PORT: String(ports.gallery),
    INFERENCE_PORT: String(ports.inference),
    STUDIO_PORT: String(ports.studio),
    GALLERY_URL: galleryUrl,
    INFERENCE_URL: inferenceUrl,
    REDIS_URL: redis.url,
    MODEL_DIR: opts.modelDir,
    QUEUE_PREFIX: opts.queuePrefix ?? 'atelier',
    GALLERY_PGLITE_DIR: resolve(opts.dataDir, 'pglite'),
    GALLERY_STORAGE_DIR: resolve(opts.dataDir, 'storage/gallery'),
    INFERENCE_STORAGE_DIR: resolve(opts.dataDir, 'storage/inference'),
    // The development C2PA chain lives with the rest of the stack's data (made at first start, key 0600).
    C2PA_DEV_DIR: process.env.C2PA_DEV_DIR || resolve(opts.dataDir, 'c2pa'),
    COOKIE_SECURE: 'false',
    // Both APIs sign and check visitor sessions with it; a stack started without one (tests, benchmarks) gets its own.
    ATELIER_SESSION_SECRET: process.env.ATELIER_SESSION_SECRET || randomBytes(32).toString('base64url'),
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  };
  if (!opts.databaseUrl) delete env.DATABASE_URL;

  const children: ChildProcess[] = [];
  let stopping = false;
  const run = (name: string, file: string, backoffMs = 1_000): ChildProcess => {
    const startedAt = Date.now();
    const child = spawn(process.execPath, [...TSX, file], {
      cwd: REPO_ROOT,
      env,
      stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    if (opts.quiet) {
      const tag = (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) if (line.trim()) log(`[${name}] ${line}`);
      };
      child.stdout?.on('data', tag);
      child.stderr?.on('data', tag);
    }
    children.push(child);
    if (opts.restart)
      child.once('exit', (code, signal) => {
        if (stopping) return;
        children.splice(children.indexOf(child), 1);
        const delay = Date.now() - startedAt > 60_000 ? 1_000 : backoffMs;
        log(`${name} exited (${signal ?? `code ${code}`}); starting it again in ${delay / 1000} s`);
        setTimeout(() => !stopping && run(name, file, Math.min(30_000, delay * 2)), delay);
      });
    return child;
  };

  const stop = async () => {
    stopping = true;
    for (const c of [...children].reverse()) if (c.exitCode === null) c.kill('SIGTERM');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((ok) => {
            if (c.exitCode !== null) return ok();
            const t = setTimeout(() => (c.kill('SIGKILL'), ok()), 10_000);
            c.once('exit', () => (clearTimeout(t), ok()));
          }),
      ),
    );
    redis.child?.kill('SIGTERM');
  };

  try {
    const gallery = run('gallery-api', 'gallery-api/src/server.ts');
    await waitHealthy(`${galleryUrl}/api/gallery/health`, 'gallery-api', gallery);
    const inference = run('inference-api', 'inference-service/src/server.ts');
    run('inference-worker', 'inference-service/src/worker.ts');
    await waitHealthy(`${inferenceUrl}/api/inference/health`, 'inference-api', inference);
    if (!existsSync(resolve(REPO_ROOT, 'studio-web/dist/index.html'))) buildStudio(log);
    const studio = run('studio-web', 'studio-web/server.ts');
    await waitHealthy(`${studioUrl}/api/gallery/health`, 'studio-web', studio);
  } catch (err) {
    await stop();
    throw err;
  }
  return { studioUrl, galleryUrl, inferenceUrl, env, stop };
}

/** Runs a repository CLI (collection, staff) with the stack's environment. */
export function runCli(env: Record<string, string>, script: string, args: string[], input?: string): string {
  const res = spawnSync(process.execPath, [...TSX, script, ...args], { cwd: REPO_ROOT, env, input, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}
