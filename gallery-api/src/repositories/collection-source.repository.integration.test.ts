import { createTestDatabase } from '../db/test-database';
import { describeSourceSyncStore } from '../services/collection-source.contract';
import { CollectionSourceRepository } from './collection-source.repository';

describeSourceSyncStore('CollectionSourceRepository (Postgres)', async () => {
  const db = await createTestDatabase();
  return { sources: new CollectionSourceRepository(db.pool), close: () => db.drop() };
});
