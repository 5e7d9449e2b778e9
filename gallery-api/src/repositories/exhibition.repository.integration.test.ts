import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '../db/test-database';
import { describeExhibitionStores } from '../services/exhibition.contract';
import { ExhibitionRepository } from './exhibition.repository';
import { MementoRepository } from './memento.repository';
import { WithdrawalRepository } from './withdrawal.repository';

describeExhibitionStores('ExhibitionRepository, WithdrawalRepository, MementoRepository (Postgres)', async () => {
  const db = await createTestDatabase();
  return {
    store: new ExhibitionRepository(db.pool),
    withdrawals: new WithdrawalRepository(db.pool),
    mementos: new MementoRepository(db.pool),
    // Only what the stores read: the row's id and status (the rest is any valid row).
    creation: async (status) => {
      const id = randomUUID();
      await db.pool.query(
        `INSERT INTO creations (id, request_id, title, licence_id, licence_uri, credit_line, status, width, height, image_sha256, image_keys, document, provenance)
         VALUES ($1, $2, 'T', 'cc0', 'https://creativecommons.org/publicdomain/zero/1.0/', 'c', $3, 1, 1, $4, '{}', '{}', '{}')`,
        [id, randomUUID(), status, 'a'.repeat(64)],
      );
      return id;
    },
    close: () => db.drop(),
  };
});
