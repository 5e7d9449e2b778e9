/**
 * The collection tests' setup, once: gallery-api's test collection (a clone of the migrated database, a temporary
 * storage folder, the repositories from its composition root) and the fixture server, with `run` harvesting one source
 * into them through the real HTTP path (fast token buckets and short backoffs keep the suite quick).
 */
import type { GalleryRepositories } from '@atelier/gallery-api/composition';
import type { TestDatabase } from '@atelier/gallery-api/db/test-database';
import { fetcherFor } from '@atelier/gallery-api/importers/registry';
import type { SourceImporter } from '@atelier/gallery-api/importers/remote-source';
import { TokenBucket } from '@atelier/gallery-api/repositories/rate-limiter';
import { syncSource, type SyncOptions } from '@atelier/gallery-api/services/collection-sync.service';
import { startTestCollection } from '@atelier/gallery-api/testing/test-collection';
import { startFixtureServer, type FixtureServer } from './collection-fixture-server';

export interface CollectionHarness {
  db: TestDatabase;
  server: FixtureServer;
  repositories: GalleryRepositories;
  /** `HTTP 429 /aic/artworks/search`: each retry the fetchers made, in order. */
  retries: string[];
  run(importer: SourceImporter, opts: Partial<SyncOptions> & { baseUrl: string }, pace?: { rate?: number; burst?: number; maxDelayMs?: number }): ReturnType<typeof syncSource>;
  close(): Promise<void>;
}

export async function startCollectionHarness(): Promise<CollectionHarness> {
  const { db, repositories, importing, close } = await startTestCollection();
  const server = await startFixtureServer();
  const retries: string[] = [];
  return {
    db,
    server,
    repositories,
    retries,
    run(importer, opts, { rate = 200, burst = 10, maxDelayMs = 2_000 } = {}) {
      const http = fetcherFor(importer, {
        limiter: new TokenBucket(rate, burst),
        baseDelayMs: 5,
        maxDelayMs,
        onRetry: (r) => retries.push(`${r.reason} ${new URL(r.url).pathname}`),
      });
      return syncSource(importer, http, { ...importing, sources: repositories.sources }, opts);
    },
    async close() {
      await server.close();
      await close();
    },
  };
}
