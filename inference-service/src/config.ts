import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { minFreeBytes } from '@atelier/common/storage-room';
import { visitorSessionSettings, type VisitorSessionSettings } from '@atelier/common/visitor-session';
import { REPO_ROOT, defaultModelDir } from '@atelier/models';
import { CLAIM_LEASE_MS } from './jobs/control';
import { parseProviderList } from './runtime/providers';
import { parseMemoryMode, type MemoryMode } from './runtime/memory-mode';

/** Everything inference-service reads from the environment, read once. */
export interface InferenceConfig {
  host: string;
  port: number;
  redisUrl: string;
  queuePrefix: string;
  galleryUrl: string;
  modelDir: string;
  storageDir: string;
  /** Operator's list of enabled model ids; undefined = each manifest's `enabledByDefault`. */
  enabledModels: string[] | undefined;
  providers: string[];
  intraOpThreads: number;
  /** onnxruntime's idle threads busy-wait between steps (INFERENCE_THREAD_SPINNING=1); off: see providers.ts. */
  threadSpinning: boolean;
  sessionBudgetBytes: number;
  /** INFERENCE_MEMORY_MODE: `fast` holds each model as its manifest says; `low` runs every model without the CPU arena. */
  memoryMode: MemoryMode;
  workerConcurrency: number;
  /** POST /remixes per client address per minute (a school class shares one address behind its NAT). */
  remixRateLimitPerMinute: number;
  /** POST /remixes per visitor session per minute. */
  remixSessionRateLimitPerMinute: number;
  /** Visitor sessions (common/visitor-session.ts): the secret is null when unset; server.ts refuses to start then. */
  visitorSessions: Omit<VisitorSessionSettings, 'secret'> & { secret: string | null };
  /** The proxies allowed to set X-Forwarded-For (fastify `trustProxy`): the studio server; loopback by default. */
  trustProxy: string;
  /** How long a submit holds its claim on a requestId (a crashed or cut-off submit frees it after this). */
  claimLeaseMs: number;
  /** Per studio session: remixes queued or running at once, and submissions per hour. */
  sessionMaxPending: number;
  sessionMaxPerHour: number;
  /** A workshop group's share of the queue, counted in visitors. */
  groupShare: number;
  /** Longest run per model task (ms); `default` for tasks without their own. */
  taskTimeoutsMs: Record<string, number>;
  /** How long a worker's job lock lives without renewal, and how often stalled jobs are looked for. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** Worker deaths one job survives; one more and it fails with a plain message (README: crash safety). */
  maxStalledCount: number;
  /** How long a job that needs a work's image waits for gallery-api to answer again before it fails. */
  galleryWaitMs: number;
  /** Below this much free room in storage, uploads are refused (507) and /health answers 503. */
  storageMinFreeBytes: number;
  /** Tests only (NODE_ENV=test): every job waits this long before it runs, so a test can kill the worker mid-job. */
  testJobDelayMs: number;
  /** How often the worker deletes the inputs and outputs nothing will read again (services/storage-sweeper.ts); 0 = never. */
  sweepIntervalMs: number;
  /** An input stays at least this long after it was stored, even once its job has finished. */
  inputGraceMs: number;
}

/** Seconds per task; INFERENCE_TIMEOUT_<TASK>_S overrides, e.g. INFERENCE_TIMEOUT_UPSCALE_S=600. */
const DEFAULT_TIMEOUTS_S: Record<string, number> = { default: 120, upscale: 300, 'background-removal': 180 };

function taskTimeouts(env: NodeJS.ProcessEnv): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [task, seconds] of Object.entries(DEFAULT_TIMEOUTS_S)) out[task] = seconds * 1000;
  for (const [name, value] of Object.entries(env)) {
    const m = /^INFERENCE_TIMEOUT_([A-Z0-9_]+)_S$/.exec(name);
    if (m) out[m[1]!.toLowerCase().replace(/_/g, '-')] = positiveInt(value, 0, name) * 1000;
  }
  return out;
}

export function timeoutMsForTask(config: Pick<InferenceConfig, 'taskTimeoutsMs'>, task: string | undefined): number {
  return (task && config.taskTimeoutsMs[task]) || config.taskTimeoutsMs.default || 120_000;
}

function testDelay(env: NodeJS.ProcessEnv): number {
  const value = env.INFERENCE_TEST_JOB_DELAY_MS;
  if (!value) return 0;
  if (env.NODE_ENV !== 'test') throw new Error('INFERENCE_TEST_JOB_DELAY_MS is for tests only (NODE_ENV=test)');
  return positiveInt(value, 0, 'INFERENCE_TEST_JOB_DELAY_MS');
}

function nonNegativeInt(value: string | undefined, fallback: number, name: string): number {
  if (value === '0') return 0;
  return positiveInt(value, fallback, name);
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): InferenceConfig {
  return {
    host: env.INFERENCE_HOST ?? '127.0.0.1',
    port: positiveInt(env.INFERENCE_PORT, 4100, 'INFERENCE_PORT'),
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: env.QUEUE_PREFIX ?? 'atelier',
    galleryUrl: (env.GALLERY_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, ''),
    modelDir: defaultModelDir(env),
    storageDir: env.INFERENCE_STORAGE_DIR ? resolve(env.INFERENCE_STORAGE_DIR) : resolve(REPO_ROOT, '.atelier/storage/inference'),
    enabledModels: env.INFERENCE_MODELS ? env.INFERENCE_MODELS.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    providers: parseProviderList(env.INFERENCE_PROVIDERS),
    intraOpThreads: positiveInt(env.INFERENCE_THREADS, availableParallelism(), 'INFERENCE_THREADS'),
    threadSpinning: env.INFERENCE_THREAD_SPINNING === '1',
    sessionBudgetBytes: positiveInt(env.INFERENCE_SESSION_BUDGET_MB, 1024, 'INFERENCE_SESSION_BUDGET_MB') * 1024 * 1024,
    memoryMode: parseMemoryMode(env.INFERENCE_MEMORY_MODE),
    workerConcurrency: positiveInt(env.WORKER_CONCURRENCY, 1, 'WORKER_CONCURRENCY'),
    remixRateLimitPerMinute: nonNegativeInt(env.REMIX_RATE_LIMIT_PER_MINUTE, 120, 'REMIX_RATE_LIMIT_PER_MINUTE'),
    remixSessionRateLimitPerMinute: nonNegativeInt(env.REMIX_SESSION_RATE_LIMIT_PER_MINUTE, 10, 'REMIX_SESSION_RATE_LIMIT_PER_MINUTE'),
    visitorSessions: visitorSessionSettings(env),
    trustProxy: env.TRUST_PROXY?.trim() || 'loopback',
    claimLeaseMs: positiveInt(env.REMIX_CLAIM_LEASE_S, CLAIM_LEASE_MS / 1000, 'REMIX_CLAIM_LEASE_S') * 1000,
    sessionMaxPending: positiveInt(env.REMIX_SESSION_MAX_PENDING, 3, 'REMIX_SESSION_MAX_PENDING'),
    sessionMaxPerHour: positiveInt(env.REMIX_SESSION_MAX_PER_HOUR, 60, 'REMIX_SESSION_MAX_PER_HOUR'),
    groupShare: positiveInt(env.REMIX_GROUP_SHARE, 4, 'REMIX_GROUP_SHARE'),
    taskTimeoutsMs: taskTimeouts(env),
    lockDurationMs: positiveInt(env.WORKER_LOCK_DURATION_MS, 15_000, 'WORKER_LOCK_DURATION_MS'),
    stalledIntervalMs: positiveInt(env.WORKER_STALLED_INTERVAL_MS, 5_000, 'WORKER_STALLED_INTERVAL_MS'),
    maxStalledCount: nonNegativeInt(env.WORKER_MAX_STALLED_COUNT, 2, 'WORKER_MAX_STALLED_COUNT'),
    galleryWaitMs: nonNegativeInt(env.REMIX_GALLERY_WAIT_S, 300, 'REMIX_GALLERY_WAIT_S') * 1000,
    storageMinFreeBytes: minFreeBytes(env, 'INFERENCE_STORAGE_MIN_FREE_MB', 100),
    testJobDelayMs: testDelay(env),
    sweepIntervalMs: nonNegativeInt(env.INFERENCE_SWEEP_INTERVAL_MIN, 10, 'INFERENCE_SWEEP_INTERVAL_MIN') * 60_000,
    inputGraceMs: positiveInt(env.INFERENCE_INPUT_GRACE_MIN, 60, 'INFERENCE_INPUT_GRACE_MIN') * 60_000,
  };
}
