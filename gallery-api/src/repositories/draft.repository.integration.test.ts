import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db/test-database';
import { describeDraftStore, newDraft } from '../services/draft.contract';
import { DraftRepository } from './draft.repository';

describeDraftStore('DraftRepository (Postgres)', async () => {
  const db = await createTestDatabase();
  return { drafts: new DraftRepository(db.pool), close: () => db.drop() };
});

describe('DraftRepository reading what it stored', () => {
  it('runs the canvas migrations on every load: a draft stored by an older studio opens as the current version', async () => {
    const db = await createTestDatabase();
    try {
      const drafts = new DraftRepository(db.pool);
      const d = newDraft(1);
      await drafts.insert(d);
      // As a prototype studio stored it: no version, no size (migration 0001).
      await db.pool.query(`UPDATE drafts SET document = '{"layers": []}', history = '{"past": [{"layers": []}], "future": []}'`);
      const found = await drafts.findById(d.id, d.createdAt);
      expect(found?.document).toEqual({ schemaVersion: 2, width: 1024, height: 1024, layers: [] });
      expect(found?.history.past).toEqual([{ schemaVersion: 2, width: 1024, height: 1024, layers: [] }]);
      // A document that cannot be read fails loudly, never half-read.
      await db.pool.query(`UPDATE drafts SET document = '{"schemaVersion": 1, "width": "wide", "layers": []}'`);
      await expect(drafts.findById(d.id, d.createdAt)).rejects.toThrow(/malformed canvas document/);
    } finally {
      await db.drop();
    }
  });
});
