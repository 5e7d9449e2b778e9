import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDirStorage } from '@atelier/common';
import { galleryRepositories, type GalleryRepositories } from '../composition';
import { createTestDatabase, type TestDatabase } from '../db/test-database';

/**
 * Test support for anything that writes the collection: a clone of the migrated database, a temporary storage
 * folder, and the gallery's repositories on them, from the composition root.
 */
export interface TestCollection {
  db: TestDatabase;
  storageDir: string;
  storage: LocalDirStorage;
  repositories: GalleryRepositories;
  /** What an import writes through. */
  importing: { works: GalleryRepositories['works']; storage: LocalDirStorage; images: GalleryRepositories['workImages'] };
  close(): Promise<void>;
}

/** `storageDir`: a folder of the test's own (tests/faults: a small tmpfs), kept on close; a fresh temporary one otherwise. */
export async function startTestCollection(opts: { storageDir?: string } = {}): Promise<TestCollection> {
  const db = await createTestDatabase();
  const storageDir = opts.storageDir ?? (await mkdtemp(join(tmpdir(), 'atelier-storage-')));
  const storage = new LocalDirStorage(storageDir);
  const repositories = galleryRepositories(db.pool, storage);
  return {
    db,
    storageDir,
    storage,
    repositories,
    importing: { works: repositories.works, storage, images: repositories.workImages },
    async close() {
      await db.drop();
      if (!opts.storageDir) await rm(storageDir, { recursive: true, force: true });
    },
  };
}
