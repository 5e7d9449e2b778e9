import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { REPO_ROOT, defaultModelDir } from '@atelier/models';
import { parseProviderList } from './runtime/providers';

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
  sessionBudgetBytes: number;
  workerConcurrency: number;
  remixRateLimitPerMinute: number;
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
    sessionBudgetBytes: positiveInt(env.INFERENCE_SESSION_BUDGET_MB, 1024, 'INFERENCE_SESSION_BUDGET_MB') * 1024 * 1024,
    workerConcurrency: positiveInt(env.WORKER_CONCURRENCY, 1, 'WORKER_CONCURRENCY'),
    remixRateLimitPerMinute: positiveInt(env.REMIX_RATE_LIMIT_PER_MINUTE, 30, 'REMIX_RATE_LIMIT_PER_MINUTE'),
  };
}
