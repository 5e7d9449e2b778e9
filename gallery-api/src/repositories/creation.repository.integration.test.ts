import { createTestDatabase } from '../db/test-database';
import { describeCreationStore } from '../services/creation.contract';
import { CreationRepository } from './creation.repository';
import { ModerationRepository } from './moderation.repository';
import { StaffRepository } from './staff.repository';

describeCreationStore('CreationRepository + ModerationRepository (Postgres)', async () => {
  const db = await createTestDatabase();
  return {
    creations: new CreationRepository(db.pool),
    moderation: new ModerationRepository(db.pool),
    addStaff: async (username) => (await new StaffRepository(db.pool).create({ username, passwordHash: 'x', role: 'moderator' }))!.id,
    close: () => db.drop(),
  };
});
