import Fastify from 'fastify';
import { closeOnSignals, LocalDirStorage } from '@atelier/common';
import { galleryApp } from './app';
import { composeGallery } from './composition';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { HttpInferenceClient } from './repositories/inference.client';

const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
await migrate(db.pool);

const app = Fastify({
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
  // Only the studio proxy in front of us may set X-Forwarded-For (login rate limits are per client IP).
  trustProxy: process.env.TRUST_PROXY ?? '127.0.0.1',
  bodyLimit: 2 * 1024 * 1024,
});
await app.register(
  galleryApp,
  composeGallery({ pool: db.pool, storage: new LocalDirStorage(config.storageDir), inference: new HttpInferenceClient(config.inferenceUrl), config }),
);

closeOnSignals(app.log, async () => {
  await app.close();
  await db.close();
});

await app.listen({ host: config.host, port: config.port });
app.log.info({ database: db.kind }, 'gallery-api ready');
