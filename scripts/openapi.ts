/**
 * `npm run openapi [-- <dir>]`: writes each service's OpenAPI 3 document (generated from the contracts' zod
 * schemas its routes validate with; the same document each service serves at /api/<service>/openapi.json)
 * to `<dir>` (default `openapi/`), for integrators who want them without running the stack.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify from 'fastify';
import { MemoryRateCounter, RateLimiter } from '@atelier/common/rate-limit';
import { galleryApp } from '../gallery-api/src/app';
import { composeGallery } from '../gallery-api/src/composition';
import { loadConfig } from '../gallery-api/src/config';
import { inferenceApp } from '../inference-service/src/app';

/** The apps are only built, never asked anything, so their parts can be empty stand-ins. */
const unused = new Proxy({}, { get: () => () => undefined }) as never;

export async function openApiDocuments(): Promise<Record<'gallery' | 'inference', unknown>> {
  const gallery = Fastify();
  await gallery.register(galleryApp, composeGallery({ pool: unused, storage: unused, inference: unused, config: loadConfig({}) }));
  const inference = Fastify();
  const limiter = new RateLimiter(new MemoryRateCounter(), () => '');
  await inference.register(inferenceApp, { remixes: unused, streams: unused, models: unused, recipes: unused, visitors: unused, limiter, health: unused, assertUploadRoom: unused });
  await Promise.all([gallery.ready(), inference.ready()]);
  const docs = {
    gallery: (await gallery.inject('/api/gallery/openapi.json')).json(),
    inference: (await inference.inject('/api/inference/openapi.json')).json(),
  };
  await Promise.all([gallery.close(), inference.close()]);
  return docs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = resolve(process.argv[2] ?? 'openapi');
  mkdirSync(dir, { recursive: true });
  for (const [name, doc] of Object.entries(await openApiDocuments())) {
    const path = resolve(dir, `${name}.openapi.json`);
    writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`wrote ${path}`);
  }
}
