import { describe, expect, it } from 'vitest';
import { emptyDocument } from '@atelier/contracts/canvas';
import { perTest } from '../testing/per-test';
import type { CreationRecord, NewCreation } from './creation';
import type { CreationReader, VisitorCreationReader } from './creation.service';
import type { ModerationStore } from './moderation.service';
import { buildProvenance } from './provenance';
import { PendingCapError, type CreationWriter } from './publish.service';
import type { CreationIds } from './storage-sweeper';
import type { CreationFinder } from './verify.service';

export interface CreationStoreHarness {
  creations: CreationReader & VisitorCreationReader & CreationWriter & CreationIds & CreationFinder;
  moderation: ModerationStore;
  /** A staff account the moderation log can name; answers its id. */
  addStaff(username: string): Promise<string>;
  close(): Promise<void>;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A creation as publishing inserts it; its document and provenance are valid, as every load parses them. */
export function newCreation(n: number, over: Partial<NewCreation> = {}): NewCreation {
  const id = uuid(n);
  const createdAt = new Date(Date.UTC(2026, 0, 1, 10, 0, n));
  return {
    id,
    requestId: uuid(1000 + n),
    title: `Creation ${n}`,
    altText: null,
    licenceId: 'cc0',
    licenceUri: 'https://creativecommons.org/publicdomain/zero/1.0/',
    creditLine: `“Creation ${n}” by a visitor of Test Studio, 2026.`,
    maker: { nl: 'Blauwe Reiger 12', en: 'Blue Heron 12' },
    width: 64,
    height: 48,
    imageSha256: 'e'.repeat(64),
    credentials: null,
    imageKeys: { full: `creations/${id}/full.png`, working: `creations/${id}/working.webp`, thumb: `creations/${id}/thumb.webp` },
    document: { ...emptyDocument(64), height: 48 },
    provenance: buildProvenance({
      creationId: id,
      createdAt,
      output: { sha256: 'e'.repeat(64), width: 64, height: 48, bytes: 100 },
      ingredients: [],
      composedWorkIds: [],
      strokes: 0,
      remixes: [],
      licence: { id: 'cc0', uri: 'https://creativecommons.org/publicdomain/zero/1.0/' },
      credit: { title: `Creation ${n}`, studioName: 'Test Studio' },
    }),
    safety: null,
    createdAt,
    ingredients: [],
    visitorKey: null,
    ...over,
  };
}

const stored = (c: NewCreation): CreationRecord => {
  const { ingredients: _, document: _document, ...record } = c;
  return { ...record, status: 'pending', decidedAt: null };
};

/**
 * What CreationRepository and ModerationRepository do, run against the in-memory fakes (creation.fakes.test.ts)
 * and the real Postgres repositories (creation.repository.integration.test.ts).
 */
export function describeCreationStore(name: string, make: () => Promise<CreationStoreHarness>): void {
  describe(`${name}: the creation store contract`, () => {
    const start = perTest(make);

    it('inserts a pending creation and reads it back whole, by id and by request id', async () => {
      const { creations } = await start();
      const c = newCreation(1, { safety: { flagged: true, remixes: [] }, altText: 'Alt.' });
      expect(await creations.insert(c)).toEqual({ inserted: true, creation: stored(c) });
      expect(await creations.findById(c.id)).toEqual(stored(c));
      expect(await creations.findByRequestId(c.requestId)).toEqual(stored(c));
      expect(await creations.findById(uuid(99))).toBeNull();
    });

    it('keeps the canvas document apart: read only on its own, never with a creation or a list', async () => {
      const { creations } = await start();
      const c = newCreation(1);
      await creations.insert(c);
      expect(await creations.documentOf(c.id)).toEqual(c.document);
      expect(await creations.findById(c.id)).not.toHaveProperty('document');
      expect((await creations.listByStatus('pending', 'newest', 10, 0)).items[0]).not.toHaveProperty('document');
      expect(await creations.documentOf(uuid(99))).toBeNull();
      expect(await creations.documentOf('not-a-creation')).toBeNull();
    });

    it('answers the first creation for a repeated request id, and stores nothing new', async () => {
      const { creations } = await start();
      const first = newCreation(1);
      await creations.insert(first);
      expect(await creations.insert(newCreation(2, { requestId: first.requestId }))).toEqual({ inserted: false, creation: stored(first) });
      expect(await creations.findById(uuid(2))).toBeNull();
    });

    it("counts a visitor's pending creations and refuses one past the cap in the insert itself", async () => {
      const { creations, moderation, addStaff } = await start();
      const mine = { visitorKey: 'k'.repeat(64) };
      await creations.insert(newCreation(1, mine), { maxPendingPerVisitor: 2 });
      await creations.insert(newCreation(2, { visitorKey: 'o'.repeat(64) }), { maxPendingPerVisitor: 2 });
      await creations.insert(newCreation(3, mine), { maxPendingPerVisitor: 2 });
      expect(await creations.countPendingOf(mine.visitorKey)).toBe(2);
      await expect(creations.insert(newCreation(4, mine), { maxPendingPerVisitor: 2 })).rejects.toBeInstanceOf(PendingCapError);
      expect(await creations.findById(uuid(4))).toBeNull();
      // The same request again is not a new one: it answers the first creation.
      expect((await creations.insert(newCreation(5, { ...mine, requestId: uuid(1001) }), { maxPendingPerVisitor: 2 })).inserted).toBe(false);
      // A decision frees a place; without a cap there is no count.
      const staffId = await addStaff('mod.eva');
      await moderation.inTransaction(async (tx) => {
        await tx.appendEvent({ creationId: uuid(1), staffId, decision: 'approve', reason: null });
        await tx.setStatus(uuid(1), 'approved');
      });
      expect(await creations.countPendingOf(mine.visitorKey)).toBe(1);
      expect((await creations.insert(newCreation(4, mine), { maxPendingPerVisitor: 2 })).inserted).toBe(true);
      expect((await creations.insert(newCreation(6, mine))).inserted).toBe(true);
      expect((await creations.findById(uuid(6)))?.visitorKey).toBe(mine.visitorKey);
    });

    it("lists one visitor's creations in every status, newest first, with the moderator's reason on a reject", async () => {
      const { creations, moderation, addStaff } = await start();
      const mine = { visitorKey: 'm'.repeat(64) };
      for (const n of [1, 2, 3]) await creations.insert(newCreation(n, mine));
      await creations.insert(newCreation(4, { visitorKey: 'o'.repeat(64) }));
      await creations.insert(newCreation(5));
      const staffId = await addStaff('mod.eva');
      for (const [id, decision, reason] of [[uuid(1), 'reject', 'A face can be recognised.'], [uuid(2), 'approve', null]] as const)
        await moderation.inTransaction(async (tx) => {
          await tx.appendEvent({ creationId: id, staffId, decision, reason });
          await tx.setStatus(id, decision === 'reject' ? 'rejected' : 'approved');
        });
      const page = await creations.listOfVisitor(mine.visitorKey, 10, 0);
      expect(page.total).toBe(3);
      expect(page.items.map((i) => [i.creation.title, i.creation.status, i.rejectionReason])).toEqual([
        ['Creation 3', 'pending', null],
        ['Creation 2', 'approved', null],
        ['Creation 1', 'rejected', 'A face can be recognised.'],
      ]);
      expect((await creations.listOfVisitor(mine.visitorKey, 1, 2)).items.map((i) => i.creation.id)).toEqual([uuid(1)]);
      expect(await creations.listOfVisitor('x'.repeat(64), 10, 0)).toEqual({ items: [], total: 0 });
    });

    it('says which of some ids have a creation (anything that is not a creation id has none)', async () => {
      const { creations } = await start();
      await creations.insert(newCreation(1));
      await creations.insert(newCreation(2));
      expect(await creations.existingIds([uuid(2), uuid(3), 'not-a-uuid', uuid(1)])).toEqual(new Set([uuid(1), uuid(2)]));
      expect(await creations.existingIds([])).toEqual(new Set());
    });

    it('finds a creation by the sha256 of its served file, or of its clean PNG when it has no credentials', async () => {
      const { creations } = await start();
      const signed = newCreation(1, {
        imageSha256: 'a'.repeat(64),
        credentials: { state: 'signed', signer: { commonName: 'Signer', organization: 'Museum', trust: 'trusted' }, fileSha256: 'b'.repeat(64) },
      });
      await creations.insert(signed);
      await creations.insert(newCreation(2, { imageSha256: 'c'.repeat(64) }));
      expect((await creations.findByFileSha256('b'.repeat(64)))?.credentials).toEqual(signed.credentials);
      expect((await creations.findByFileSha256('c'.repeat(64)))?.id).toBe(uuid(2));
      expect(await creations.findByFileSha256('d'.repeat(64))).toBeNull();
    });

    it('lists by status newest or oldest first, or flagged first, a page at a time, with the total', async () => {
      const { creations } = await start();
      for (const n of [1, 2, 3]) await creations.insert(newCreation(n, n === 3 ? {} : n === 2 ? { safety: { flagged: true, remixes: [] } } : {}));
      const ids = (page: { items: CreationRecord[] }) => page.items.map((c) => c.title);
      expect(ids(await creations.listByStatus('pending', 'newest', 10, 0))).toEqual(['Creation 3', 'Creation 2', 'Creation 1']);
      expect(ids(await creations.listByStatus('pending', 'oldest', 2, 1))).toEqual(['Creation 2', 'Creation 3']);
      expect(ids(await creations.listByStatus('pending', 'flagged-first', 10, 0))).toEqual(['Creation 2', 'Creation 1', 'Creation 3']);
      expect((await creations.listByStatus('pending', 'newest', 1, 0)).total).toBe(3);
      expect(await creations.listByStatus('approved', 'newest', 10, 0)).toEqual({ items: [], total: 0 });
    });

    it('decides in one transaction: the status, its time and one logged event with the staff name', async () => {
      const { creations, moderation, addStaff } = await start();
      const staffId = await addStaff('mod.eva');
      await creations.insert(newCreation(1));
      const event = await moderation.inTransaction(async (tx) => {
        expect(await tx.lockCreation(uuid(1))).toBe('pending');
        expect(await tx.lockCreation(uuid(99))).toBeNull();
        const e = await tx.appendEvent({ creationId: uuid(1), staffId, decision: 'reject', reason: 'Blurry.' });
        await tx.setStatus(uuid(1), 'rejected');
        return e;
      });
      expect(event).toMatchObject({ creationId: uuid(1), staffId, staffUsername: 'mod.eva', decision: 'reject', reason: 'Blurry.' });
      expect(event.createdAt).toBeInstanceOf(Date);
      expect(await moderation.listEvents(uuid(1))).toEqual([event]);
      const decided = await creations.findById(uuid(1));
      expect(decided?.status).toBe('rejected');
      expect(decided?.decidedAt).toBeInstanceOf(Date);
    });

    it('keeps nothing of a decision whose transaction fails', async () => {
      const { creations, moderation, addStaff } = await start();
      const staffId = await addStaff('mod.eva');
      await creations.insert(newCreation(1));
      await expect(
        moderation.inTransaction(async (tx) => {
          await tx.appendEvent({ creationId: uuid(1), staffId, decision: 'approve', reason: null });
          await tx.setStatus(uuid(1), 'approved');
          throw new Error('then something broke');
        }),
      ).rejects.toThrow('then something broke');
      expect(await moderation.listEvents(uuid(1))).toEqual([]);
      expect((await creations.findById(uuid(1)))?.status).toBe('pending');
    });
  });
}
