import Fastify from 'fastify';
import { closeOnSignals, LocalDirStorage, requireSessionSecret, serverLoggerOptions } from '@atelier/common';
import { galleryApp } from './app';
import { composeGallery } from './composition';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { HttpInferenceClient } from './repositories/inference.client';

const config = loadConfig();
try {
  requireSessionSecret(config.visitorSessions);
} catch (err) {
  console.error(`gallery-api cannot start: ${(err as Error).message}`);
  process.exit(1);
}
const db = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
await migrate(db.pool);

const app = Fastify({
  // Request lines without the client's address (common's serverLoggerOptions).
  logger: serverLoggerOptions(),
  // Only the studio proxy in front of us may set X-Forwarded-For (TRUST_PROXY, loopback by default): the
  // per-address limits depend on it.
  trustProxy: config.trustProxy,
  bodyLimit: 2 * 1024 * 1024,
});
await app.register(
  galleryApp,
  composeGallery({
    pool: db.pool,
    storage: new LocalDirStorage(config.storageDir),
    inference: new HttpInferenceClient(config.inferenceUrl),
    config,
    log: app.log,
  }),
);

closeOnSignals(app.log, async () => {
  await app.close();
  await db.close();
});

await app.listen({ host: config.host, port: config.port });
app.log.info({ database: db.kind }, 'gallery-api ready');
