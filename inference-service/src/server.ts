import Fastify from 'fastify';
import { closeOnSignals, LocalDirStorage, requireSessionSecret, serverLoggerOptions, VisitorSessions } from '@atelier/common';
import { PupilSessions, WorkshopGroupTokens } from '@atelier/common/pupil-session';
import { ModelRegistry } from '@atelier/models';
import { loadRecipes } from '@atelier/prompts';
import { inferenceApp } from './app';
import { loadConfig, timeoutMsForTask } from './config';
import { redisConnection } from './jobs/connection';
import { HttpGalleryClient } from './repositories/gallery.client';
import { BullRemixEvents } from './repositories/remix-events.repository';
import { BullRemixQueue } from './repositories/remix-queue.repository';
import { RedisFairnessStore } from './repositories/fairness.repository';
import { RedisRateCounter } from './repositories/rate-counter.repository';
import { RedisWorkerRegistry } from './repositories/worker-registry.repository';
import { RedisWorkshopRemixes } from './repositories/workshop-remixes.repository';
import { BullPrintQueue } from './repositories/print-queue.repository';
import { PrintTokens } from '@atelier/common/print-tokens';
import { createInferenceServices } from './services';
import { FairScheduler } from './services/fair-scheduler';
import { enabledModelIds, ManifestCatalog } from './services/model-catalog';
import { bindStorageToQueue } from './services/queue-binding';

// The API's composition root: repositories and services are built here, once, and handed to the app.
const config = loadConfig();
let visitors: VisitorSessions;
let pupils: PupilSessions;
let groupTokens: WorkshopGroupTokens;
let printTokens: PrintTokens;
try {
  const sessions = requireSessionSecret(config.visitorSessions);
  visitors = new VisitorSessions(sessions);
  pupils = new PupilSessions(sessions.secret, sessions.secureCookie);
  groupTokens = new WorkshopGroupTokens(sessions.secret);
  printTokens = new PrintTokens(sessions.secret);
} catch (err) {
  console.error(`inference-service cannot start: ${(err as Error).message}`);
  process.exit(1);
}
const storage = new LocalDirStorage(config.storageDir);
// The sweeper deletes by job state, so storage and queue prefix must belong together (services/queue-binding.ts).
const binding = await bindStorageToQueue(storage, config.queuePrefix).catch((err: Error) => {
  console.error(`inference-service cannot start: ${err.message}`);
  process.exit(1);
});
const registry = await ModelRegistry.load({ modelDir: config.modelDir });
const queueConnection = redisConnection(config.redisUrl, 'api');
const queue = new BullRemixQueue(queueConnection, config.queuePrefix, undefined, config.workerConcurrency);
const scheduler = new FairScheduler(new RedisFairnessStore(queueConnection, config.queuePrefix, config.claimLeaseMs), queue, {
  maxPending: config.sessionMaxPending,
  maxPerHour: config.sessionMaxPerHour,
  groupShare: config.groupShare,
});
const prints = new BullPrintQueue(queueConnection, redisConnection(config.redisUrl, 'worker'), config.queuePrefix);
const events = new BullRemixEvents(redisConnection(config.redisUrl, 'worker'), config.queuePrefix);
// The workers' heartbeats, read every few seconds: streams of queued remixes hear when workers stop or come back.
const workers = new RedisWorkerRegistry(queueConnection, config.queuePrefix);
const stopWatchingWorkers = workers.watch();
const services = createInferenceServices({
  queue,
  events,
  gallery: new HttpGalleryClient(config.galleryUrl),
  storage,
  catalog: new ManifestCatalog(registry.list(), config.enabledModels),
  recipes: await loadRecipes(),
  scheduler,
  visitors,
  pupils,
  rateCounter: new RedisRateCounter(queueConnection, config.queuePrefix),
  workers,
  storageMinFreeBytes: config.storageMinFreeBytes,
});

// Multipart uploads have their own limit; JSON bodies here are tiny. Only the studio proxy may set
// X-Forwarded-For (TRUST_PROXY, loopback by default): the per-address limits depend on it.
const app = Fastify({ logger: serverLoggerOptions(), trustProxy: config.trustProxy, bodyLimit: 256 * 1024 });
// Without listeners these 'error' events would crash the process while Redis restarts; health reports it.
queue.queue.on('error', (err) => app.log.warn({ err: err.message }, 'remix queue error'));
events.onError((err) => app.log.warn({ err: err.message }, 'remix events error'));
await app.register(inferenceApp, {
  ...services,
  remixRateLimits: { perSessionPerMinute: config.remixSessionRateLimitPerMinute, perAddressPerMinute: config.remixRateLimitPerMinute },
  // gallery-api's sweep forgets a workshop's remixes when its retention ends (issue 11).
  workshopGroups: { tokens: groupTokens, remixes: new RedisWorkshopRemixes(queueConnection, config.queuePrefix, queue.queue, storage) },
  // Print-ready upscales of approved creations, asked by gallery-api for staff who curate (issue 12 item 3).
  prints: {
    tokens: printTokens,
    queue: prints,
    storage,
    upscalers: [...enabledModelIds(registry.list(), config.enabledModels)].filter((id) => registry.get(id)?.tool === 'upscale'),
    waitMs: timeoutMsForTask(config, 'upscale') + 60_000,
  },
});

closeOnSignals(app.log, async () => {
  stopWatchingWorkers();
  await app.close();
  await Promise.all([queue.close(), events.close(), prints.close()]);
  await queueConnection.quit();
});

await app.listen({ host: config.host, port: config.port });
app.log.info({ modelDir: config.modelDir, storageDir: config.storageDir, queuePrefix: config.queuePrefix, binding }, 'inference-service ready');
