import Fastify from 'fastify';
import { closeOnSignals, createLogger, LocalDirStorage, requireSessionSecret, serverLoggerOptions } from '@atelier/common';
import { galleryApp } from './app';
import { composeGallery } from './composition';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { openContentCredentials } from './repositories/c2pa-node.credentials';
import { HttpInferenceClient } from './repositories/inference.client';
import { sweepPeriodically } from './services/storage-sweeper';

const config = loadConfig();
try {
  requireSessionSecret(config.visitorSessions);
} catch (err) {
  console.error(`gallery-api cannot start: ${(err as Error).message}`);
  process.exit(1);
}
const log = createLogger('gallery-api');
// A database restart breaks idle connections: logged, and the pool opens new ones (db/database.ts resilientPool).
const db = await openDatabase({
  url: config.databaseUrl,
  pgliteDir: config.pgliteDir,
  onIdleError: (err) => log.warn({ err: err.message }, 'database connection lost; reconnecting on the next query'),
});
await migrate(db.pool);

const app = Fastify({
  // Request lines without the client's address (common's serverLoggerOptions).
  logger: serverLoggerOptions(),
  // Only the studio proxy in front of us may set X-Forwarded-For (TRUST_PROXY, loopback by default): the
  // per-address limits depend on it.
  trustProxy: config.trustProxy,
  bodyLimit: 2 * 1024 * 1024,
});
// The museum's signer, else the development certificate (made here at first start), else unsigned, saying why.
const c2pa = await openContentCredentials(config.c2pa);
log.info({ credentials: c2pa.credentials.kind }, c2pa.note);
const gallery = composeGallery({
  credentials: c2pa.credentials,
  pool: db.pool,
  storage: new LocalDirStorage(config.storageDir),
  inference: new HttpInferenceClient(config.inferenceUrl),
  config,
  log: app.log,
});
await app.register(galleryApp, gallery);

// Leftovers of interrupted writes and publishes (services/storage-sweeper.ts) and expired drafts with their files
// (services/draft.service.ts), and pupils' data of workshops past their retention (services/workshop.service.ts
// forgetDue): a minute after start, then every interval.
const sweeper = {
  sweep: async () => ({
    ...(await gallery.sweeper.sweep()),
    expiredDrafts: await gallery.drafts.sweep(),
    forgottenWorkshops: await gallery.workshops.forgetDue(),
  }),
};
const sweep =
  config.sweep.intervalMs > 0
    ? sweepPeriodically(sweeper, {
        intervalMs: config.sweep.intervalMs,
        firstDelayMs: Math.min(60_000, config.sweep.intervalMs),
        log: (result) => log.info(result, 'storage sweep'),
        warn: (err) => log.warn({ err: err.message }, 'storage sweep stopped; trying again at the next one'),
      })
    : undefined;

closeOnSignals(app.log, async () => {
  await app.close();
  await sweep?.stop();
  await db.close();
});

await app.listen({ host: config.host, port: config.port });
app.log.info({ database: db.kind }, 'gallery-api ready');
