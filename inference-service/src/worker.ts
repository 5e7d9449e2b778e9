import { Queue } from 'bullmq';
import { closeOnSignals, createLogger, LocalDirStorage } from '@atelier/common';
import { ModelRegistry } from '@atelier/models';
import { loadRecipes } from '@atelier/prompts';
import { loadConfig, timeoutMsForTask } from './config';
import { redisConnection } from './jobs/connection';
import { REMIX_QUEUE } from './jobs/remix.job';
import { createRemixWorker } from './processors';
import { createRemixProcessor } from './processors/remix.processor';
import { createPrintProcessor } from './processors/print.processor';
import { HttpCreationImages } from './repositories/creation-image.client';
import { recoverOrphans } from './processors/orphans';
import { RedisFairnessStore } from './repositories/fairness.repository';
import { keepBeating, RedisWorkerRegistry, thisWorker } from './repositories/worker-registry.repository';
import { HttpGalleryClient } from './repositories/gallery.client';
import { BullRemixQueue } from './repositories/remix-queue.repository';
import { RedisWorkshopRemixes } from './repositories/workshop-remixes.repository';
import { LruMap } from './runtime/lru';
import { InferenceEngine } from './runtime/engine';
import { createSessionFactory, resolveProviders } from './runtime/providers';
import { SessionCache } from './runtime/session-cache';
import { StorageSweeper, sweepPeriodically, type PeriodicSweep } from './services/storage-sweeper';
import { modelRunners } from './tools';
import { recipeStyles } from './tools/style.tool';

// The worker's composition root: the engine (models), the tool runners, the remix processor and the sweeper.
const logger = createLogger('inference-worker');
const log = (msg: string, extra: Record<string, unknown> = {}) => logger.info(extra, msg);
const warn = (msg: string, extra: Record<string, unknown> = {}) => logger.warn(extra, msg);

const config = loadConfig();
const registry = await ModelRegistry.load({ modelDir: config.modelDir });
const providers = resolveProviders(config.providers);
const sessions = new SessionCache(
  createSessionFactory({ providers, intraOpNumThreads: config.intraOpThreads, threadSpinning: config.threadSpinning, memoryMode: config.memoryMode, log }),
  config.sessionBudgetBytes,
);
const engine = new InferenceEngine({ registry, sessions, enabledSpec: config.enabledModels, memoryMode: config.memoryMode, log: warn });
const storage = new LocalDirStorage(config.storageDir);
const gallery = new HttpGalleryClient(config.galleryUrl);
// Refuses to start (throws) when an enabled manifest names a tool with no runner here.
const models = modelRunners(engine.models, { gallery, styleVectors: new LruMap(64), recipe: recipeStyles(await loadRecipes()) });
const processors = {
  remix: createRemixProcessor({ storage, models, safety: engine.safety }),
  // Print-ready upscales of approved creations (issue 12 item 3), on the same queue.
  print: createPrintProcessor({ storage, creations: new HttpCreationImages(config.galleryUrl), models: engine.models }),
};
// Before the first job only the models every remix needs soon (the screen, style): a worker takes its first remix
// in seconds. The heavy ones are warmed once it runs, each while no remix is running (below).
const warmUp = async (ids: string[], label: string, beforeEach?: () => Promise<void>) => {
  try {
    const warm = await engine.warmUp(ids, beforeEach);
    log(label, { ...warm, ...engine.memory(), providers, threads: config.intraOpThreads, threadSpinning: config.threadSpinning, memoryMode: config.memoryMode, modelDir: config.modelDir });
  } catch (err) {
    // The worker still starts: remixes then fail with this same clear message instead of hanging in the queue.
    warn('warm-up failed; remix jobs will fail until the model is imported', { err: (err as Error).message });
  }
};
const firstModels = engine.firstModels();
await warmUp(firstModels, 'warm-up of the first models done');

const connection = redisConnection(config.redisUrl, 'worker');
// A workshop forgotten while one of its remixes ran: that remix's job and files go as soon as it ends (issue 11).
const groupQueue = new Queue(REMIX_QUEUE, { connection, prefix: config.queuePrefix });
const workshopRemixes = new RedisWorkshopRemixes(connection, config.queuePrefix, groupQueue, storage);
const groups = {
  async jobEnded(groupId: string) {
    const gone = await workshopRemixes.jobEnded(groupId);
    if (gone) log('forgotten workshop group: remixes deleted as they ended', { ...gone });
  },
};
const worker = createRemixWorker(processors, {
  connection,
  prefix: config.queuePrefix,
  concurrency: config.workerConcurrency,
  timeoutMs: (job) => timeoutMsForTask(config, registry.get(job.data.model)?.task),
  lockDurationMs: config.lockDurationMs,
  stalledIntervalMs: config.stalledIntervalMs,
  maxStalledCount: config.maxStalledCount,
  galleryWaitMs: config.galleryWaitMs,
  testJobDelayMs: config.testJobDelayMs,
  stats: new RedisFairnessStore(connection, config.queuePrefix),
  groups,
  autorun: false,
});
worker.on('active', (job) => log('remix active', { remixId: job.id, attempt: job.attemptsStarted }));
worker.on('stalled', (jobId) => warn('remix stalled: a worker died mid-job; it goes back to the front of the queue', { remixId: jobId }));
worker.on('failed', (job, err) => log('remix failed', { remixId: job?.id, err: err.message }));
worker.on('completed', (job) => log('remix completed', { remixId: job.id }));
worker.on('error', (err) => warn('worker error', { err: err.message }));

// Deletes inputs, outputs and prints nothing will read again (services/storage-sweeper.ts). Its own fail-fast
// connection: with Redis down a sweep gives up (keeping every file) instead of queueing commands.
let sweep: { periodic: PeriodicSweep; close(): Promise<void> } | undefined;
if (config.sweepIntervalMs > 0) {
  const sweepConnection = redisConnection(config.redisUrl, 'api');
  sweepConnection.on('error', () => undefined); // a sweep reports its own failure; the worker logs Redis errors
  const sweepQueue = new BullRemixQueue(sweepConnection, config.queuePrefix);
  sweepQueue.queue.on('error', () => undefined);
  const sweeper = new StorageSweeper({ storage, queue: sweepQueue, queuePrefix: config.queuePrefix, policy: { inputGraceMs: config.inputGraceMs } });
  sweep = {
    // The first sweep waits a minute: on a fresh folder the API, started beside us, binds it first.
    periodic: sweepPeriodically(sweeper, { intervalMs: config.sweepIntervalMs, firstDelayMs: Math.min(60_000, config.sweepIntervalMs), log, warn }),
    close: () => sweepQueue.close().catch(() => undefined).finally(() => sweepConnection.disconnect()),
  };
  log('storage sweeper on', { everyMin: config.sweepIntervalMs / 60_000, ...sweeper.policy });
}

// The heartbeat: the API's /health counts live workers, and a visitor's queued remix says when there are none.
const workerRegistry = new RedisWorkerRegistry(connection, config.queuePrefix);
const self = thisWorker(config.workerConcurrency);
const heartbeat = keepBeating(workerRegistry, worker.id, () => ({ ...self, ready: engine.ready() }));

// SIGTERM: the current job finishes, the sweep stops between batches, then the sessions are released.
closeOnSignals(logger, async () => {
  await heartbeat.stop();
  await Promise.all([worker.close(), sweep?.periodic.stop().then(() => sweep?.close())]);
  await groupQueue.close().catch(() => undefined);
  await sessions.clear();
});

// Before the first job: what a worker that died on this host left running goes back to the front of the queue (or
// fails, past WORKER_MAX_STALLED_COUNT), so the job it was running is the next one to run, not the last.
const recoveryQueue = new Queue(REMIX_QUEUE, { connection, prefix: config.queuePrefix });
try {
  const recovered = await recoverOrphans({ queue: recoveryQueue, connection, maxStalledCount: config.maxStalledCount, infoOf: (id) => workerRegistry.info(id) });
  if (recovered.requeued.length || recovered.failed.length) warn('jobs of a worker that died went back to the front of the queue', { ...recovered });
} catch (err) {
  warn('could not look for jobs of a dead worker; the stalled check will find them', { err: (err as Error).message });
} finally {
  await recoveryQueue.close().catch(() => undefined);
}
worker.run().catch((err: Error) => warn('worker stopped', { err: err.message }));
log('worker ready', { queue: REMIX_QUEUE, prefix: config.queuePrefix, concurrency: config.workerConcurrency, maxStalledCount: config.maxStalledCount, ready: engine.ready() });

// The rest warm one by one, each only while no remix runs (a remix for one of them meanwhile loads it itself); the
// heartbeat says each at once, so the studio stops saying "getting ready".
let running = 0;
let idle: (() => void) | null = null;
worker.on('active', () => running++);
const settled = () => {
  running = Math.max(0, running - 1);
  if (running === 0) idle?.();
};
worker.on('completed', settled);
worker.on('failed', settled);
const untilIdle = () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => (idle = resolve)));
const rest = engine.models.map((m) => m.manifest.id).filter((id) => !firstModels.includes(id));
void warmUp(rest, 'warm-up of the other models done', async () => {
  await heartbeat.beatNow();
  await untilIdle();
}).then(() => heartbeat.beatNow());
