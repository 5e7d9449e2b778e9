/**
 * Issue 16 item 3: a worker takes remixes seconds after it starts. The real worker process on the real models
 * warms only what every remix needs soon (the safety screen, style) before it takes jobs, says so in its heartbeat,
 * and warms the heavy models (cut-out, upscale) afterwards, each announced as it becomes ready; the API's /models and
 * /health read that from the heartbeats. Prints the times (never asserted).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redisConnection } from '@atelier/inference-service/jobs/connection';
import { RedisWorkerRegistry } from '@atelier/inference-service/repositories/worker-registry.repository';
import { REPO_ROOT } from '../../scripts/stack';
import { startService, type ServiceProcess } from '../support/processes';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MODEL_DIR = process.env.MODEL_DIR ? resolve(process.env.MODEL_DIR) : resolve(REPO_ROOT, '../shared/models');
const HAS_MODELS = ['magenta-arbitrary-style', 'nsfwjs-mobilenet-v2', 'isnet-imgly-medium', 'upscalerjs-esrgan-slim'].every((id) => existsSync(join(MODEL_DIR, id)));
const FIRST = ['magenta-arbitrary-style', 'nsfwjs-mobilenet-v2'];
const HEAVY = ['isnet-imgly-medium', 'realesr-animevideov3-x4', 'upscalerjs-esrgan-slim'];

const connection = redisConnection(REDIS_URL, 'api');
let worker: ServiceProcess | undefined;
let storageDir: string | undefined;
afterAll(async () => {
  await worker?.kill('SIGTERM');
  connection.disconnect();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

/** The JSON log line whose msg is `msg`. */
const line = (w: ServiceProcess, msg: string) =>
  w
    .output()
    .split('\n')
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return null;
      }
    })
    .find((l) => l?.msg === msg)!;

describe.skipIf(!HAS_MODELS)('a worker starting on the real models', () => {
  it('takes jobs once style and the screen are warm, then warms the heavy models and says each', async () => {
    const prefix = `test-start-${randomUUID().slice(0, 8)}`;
    storageDir = await mkdtemp(join(tmpdir(), 'worker-start-'));
    const registry = new RedisWorkerRegistry(connection, prefix);
    const t0 = performance.now();
    worker = startService('inference-service/src/worker.ts', {
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      MODEL_DIR,
      INFERENCE_STORAGE_DIR: storageDir,
      INFERENCE_SWEEP_INTERVAL_MIN: '0',
      LOG_LEVEL: 'info',
    });
    await worker.said('"msg":"worker ready"');
    const readyAt = performance.now() - t0;
    const ready = line(worker, 'worker ready').ready as string[];
    expect([...ready].sort()).toEqual(FIRST);
    // Its heartbeat says the same: the API shows the heavy tools as getting ready.
    const early = await registry.readyModels();
    expect(early && HEAVY.every((id) => !early.has(id))).toBe(true);

    await worker.said('"msg":"warm-up of the other models done"');
    const allAt = performance.now() - t0;
    const warmed = line(worker, 'warm-up of the other models done');
    expect([...(warmed.warmed as string[])].sort()).toEqual(HEAVY);
    const late = await registry.readyModels();
    expect([...(late ?? [])].sort()).toEqual([...FIRST, ...HEAVY].sort());
    console.log(
      `[bench] worker start → taking jobs: ${(readyAt / 1000).toFixed(2)} s (${ready.join(', ')}); → every model warm: ${(allAt / 1000).toFixed(2)} s ` +
        `(${JSON.stringify(warmed.msByModel)})`,
    );
  }, 120_000);
});
