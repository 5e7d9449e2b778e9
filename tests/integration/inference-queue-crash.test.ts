/**
 * Crash safety with the real worker process: a worker SIGKILLed mid-job leaves a stalled job; a new worker
 * picks it up within lockDuration + two stalled checks, runs it once more and stores its output once.
 * Runs the real Magenta graphs from ../shared/models (skipped without them) on a tiny canvas.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { QueueEvents } from 'bullmq';
import { LocalDirStorage, sha256Hex } from '@atelier/common';
import { REPO_ROOT } from '@atelier/models';
import { redisConnection } from '@atelier/inference-service/jobs/connection';
import { inputKey, outputKey } from '@atelier/inference-service/jobs/remix.job';
import { BullRemixQueue } from '@atelier/inference-service/repositories/remix-queue.repository';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MODEL_DIR = process.env.MODEL_DIR ? resolve(process.env.MODEL_DIR) : resolve(REPO_ROOT, '../shared/models');
const HAS_MAGENTA = existsSync(join(MODEL_DIR, 'magenta-arbitrary-style', 'style_transfer.onnx'));
const LOCK_MS = 2000;
const STALLED_MS = 500;

let gallery: Server;
let galleryUrl: string;
beforeAll(async () => {
  const style = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#236' } }).webp().toBuffer();
  gallery = createServer((req, res) => (/\/image\/working$/.test(req.url ?? '') ? res.end(style) : res.writeHead(404).end()));
  await new Promise<void>((ok) => gallery.listen(0, '127.0.0.1', ok));
  galleryUrl = `http://127.0.0.1:${(gallery.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => gallery.close(() => ok())));

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'inference-service/src/worker.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test', INFERENCE_THREADS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

const exited = (child: ChildProcess) => new Promise<void>((ok) => (child.exitCode !== null || child.signalCode ? ok() : child.once('exit', () => ok())));

describe.skipIf(!HAS_MAGENTA)('a worker killed mid-job', () => {
  it('completes the job exactly once after a restart, with one output', async () => {
    const prefix = `test-crash-${randomUUID().slice(0, 8)}`;
    const storageDir = await mkdtemp(join(tmpdir(), 'inference-crash-'));
    const env = {
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      MODEL_DIR,
      GALLERY_URL: galleryUrl,
      INFERENCE_STORAGE_DIR: storageDir,
      INFERENCE_MODELS: 'magenta-arbitrary-style',
      WORKER_LOCK_DURATION_MS: String(LOCK_MS),
      WORKER_STALLED_INTERVAL_MS: String(STALLED_MS),
    };
    const connection = redisConnection(REDIS_URL, 'api');
    const queue = new BullRemixQueue(connection, prefix);
    const events = new QueueEvents('remix', { connection: redisConnection(REDIS_URL, 'worker'), prefix });
    await events.waitUntilReady();
    const seen: Record<string, number> = { active: 0, completed: 0, failed: 0, stalled: 0 };
    const waiters: Record<string, () => void> = {};
    const remixId = randomUUID();
    for (const name of ['active', 'completed', 'failed', 'stalled'] as const)
      events.on(name, ({ jobId }: { jobId: string }) => {
        if (jobId !== remixId) return;
        seen[name]!++;
        waiters[name]?.();
      });
    const next = (name: string) => new Promise<void>((ok) => (waiters[name] = ok));
    const workers: ChildProcess[] = [];
    try {
      const storage = new LocalDirStorage(storageDir);
      const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c84' } }).png().toBuffer();
      await storage.put(inputKey(remixId), png);
      const firstActive = next('active');
      await queue.add({ remixId, model: 'magenta-arbitrary-style', tool: 'style', params: { styleWorkId: 'w', strength: 1 }, workIds: [], inputKey: inputKey(remixId), inputSha256: sha256Hex(png) });

      // The first worker holds the job (its test delay keeps it busy) and dies without a word.
      const doomed = startWorker({ ...env, INFERENCE_TEST_JOB_DELAY_MS: '600000' });
      workers.push(doomed);
      await firstActive;
      doomed.kill('SIGKILL');
      await exited(doomed);
      const killedAt = Date.now();

      const stalled = next('stalled');
      const done = next('completed');
      workers.push(startWorker(env));
      await stalled;
      const recoveredMs = Date.now() - killedAt;
      await done;

      expect(seen).toEqual({ active: 2, completed: 1, failed: 0, stalled: 1 });
      const job = await queue.queue.getJob(remixId);
      expect(await job?.getState()).toBe('completed');
      expect(job?.attemptsStarted).toBe(2);
      expect(job?.stalledCounter).toBe(1);
      expect(job?.attemptsMade).toBe(1);
      const outputs = await readdir(join(storageDir, 'outputs'));
      expect(outputs).toEqual([`${remixId}.png`]);
      const stored = await storage.get(outputKey(remixId));
      expect(job?.returnvalue.output.sha256).toBe(sha256Hex(stored));
      // The lock must lapse (LOCK_MS) and two stalled checks pass; plus the new worker's start-up.
      console.log(`[crash] stalled job recovered ${recoveredMs} ms after the kill (lock ${LOCK_MS} ms, check every ${STALLED_MS} ms)`);
      expect(recoveredMs).toBeLessThan(LOCK_MS + 2 * STALLED_MS + 15_000);
    } finally {
      for (const w of workers) if (w.exitCode === null && !w.signalCode) w.kill('SIGTERM');
      await Promise.all(workers.map(exited));
      await events.close();
      await queue.queue.obliterate({ force: true });
      await queue.close();
      await connection.quit();
      await rm(storageDir, { recursive: true, force: true });
    }
  });
});
