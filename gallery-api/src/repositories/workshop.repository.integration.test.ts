import { createTestDatabase } from '../db/test-database';
import { newCreation } from '../services/creation.contract';
import { describeWorkshopStore } from '../services/workshop.contract';
import { CreationRepository } from './creation.repository';
import { DraftRepository } from './draft.repository';
import { StaffRepository } from './staff.repository';
import { WorkshopRepository } from './workshop.repository';

describeWorkshopStore('WorkshopRepository (Postgres)', async () => {
  const db = await createTestDatabase();
  return {
    store: new WorkshopRepository(db.pool),
    addEducator: async (username) => (await new StaffRepository(db.pool).create({ username, passwordHash: 'x', role: 'educator' }))!.id,
    addDraft: async (d) => void (await new DraftRepository(db.pool).insert(d)),
    addCreation: async (n) => (await new CreationRepository(db.pool).insert(newCreation(n))).creation.id,
    draftCount: async () => (await db.pool.query('SELECT count(*)::int AS n FROM drafts')).rows[0].n,
    close: () => db.drop(),
  };
});
