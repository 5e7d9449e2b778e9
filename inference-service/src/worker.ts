import { LocalDirStorage } from '@atelier/common';
import { ModelRegistry } from '@atelier/models';
import { loadConfig, timeoutMsForTask } from './config';
import { redisConnection } from './jobs/connection';
import { REMIX_QUEUE } from './jobs/remix.job';
import { createRemixWorker } from './processors';
import { createRemixProcessor } from './processors/remix.processor';
import { RedisFairnessStore } from './repositories/fairness.repository';
import { HttpGalleryClient } from './repositories/gallery.client';
import { LruMap } from './runtime/lru';
import { InferenceEngine } from './runtime/engine';
import { createSessionFactory, resolveProviders } from './runtime/providers';
import { SessionCache } from './runtime/session-cache';

const log = (msg: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ level: 'info', time: new Date().toISOString(), service: 'inference-worker', msg, ...extra }));

const config = loadConfig();
const registry = await ModelRegistry.load({ modelDir: config.modelDir });
const providers = resolveProviders(config.providers);
const sessions = new SessionCache(
  createSessionFactory({ providers, intraOpNumThreads: config.intraOpThreads, log }),
  config.sessionBudgetBytes,
);
const engine = await InferenceEngine.create({ registry, sessions, enabledSpec: config.enabledModels, log });

const processors = {
  remix: createRemixProcessor({
    storage: new LocalDirStorage(config.storageDir),
    gallery: new HttpGalleryClient(config.galleryUrl),
    ...engine.processorDeps(),
    manifest: (id) => registry.get(id),
    styleVectors: new LruMap(64),
  }),
};
try {
  const warm = await engine.warmUp();
  log('warm-up done', { ...warm, ...engine.memory(), providers, threads: config.intraOpThreads, modelDir: config.modelDir });
} catch (err) {
  // The worker still starts: remixes then fail with this same clear message instead of hanging in the queue.
  log('warm-up failed; remix jobs will fail until the model is imported', { err: (err as Error).message });
}

const connection = redisConnection(config.redisUrl, 'worker');
const worker = createRemixWorker(processors, {
  connection,
  prefix: config.queuePrefix,
  concurrency: config.workerConcurrency,
  timeoutMs: (job) => timeoutMsForTask(config, registry.get(job.data.model)?.task),
  lockDurationMs: config.lockDurationMs,
  stalledIntervalMs: config.stalledIntervalMs,
  testJobDelayMs: config.testJobDelayMs,
  stats: new RedisFairnessStore(connection, config.queuePrefix),
});
worker.on('active', (job) => log('remix active', { remixId: job.id, attempt: job.attemptsStarted }));
worker.on('stalled', (jobId) => log('remix stalled: a worker died mid-job; it runs again', { remixId: jobId }));
worker.on('failed', (job, err) => log('remix failed', { remixId: job?.id, err: err.message }));
worker.on('completed', (job) => log('remix completed', { remixId: job.id }));
worker.on('error', (err) => log('worker error', { err: err.message }));

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    log('shutting down: finishing the current job', { signal });
    worker
      .close()
      .then(() => sessions.clear())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  });
}
log('worker ready', { queue: REMIX_QUEUE, prefix: config.queuePrefix, concurrency: config.workerConcurrency });
