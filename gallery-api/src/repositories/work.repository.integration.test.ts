import { createTestDatabase } from '../db/test-database';
import { describeWorkStore } from '../services/work.contract';
import { WorkRepository } from './work.repository';

describeWorkStore('WorkRepository (Postgres)', async () => {
  const db = await createTestDatabase();
  return { works: new WorkRepository(db.pool), close: () => db.drop() };
});
