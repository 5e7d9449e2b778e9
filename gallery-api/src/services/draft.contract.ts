import { describe, expect, it } from 'vitest';
import { perTest } from '../testing/per-test';
import { remixOf } from './creation.fakes';
import type { DraftRecord, DraftStore } from './draft.service';

export interface DraftStoreHarness {
  drafts: DraftStore;
  close(): Promise<void>;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const T0 = new Date(Date.UTC(2026, 5, 1, 12));
const DAY = 86_400_000;
const doc = (layers: DraftRecord['document']['layers'] = []) => ({ schemaVersion: 2 as const, width: 64, height: 48, layers });

/** A draft as DraftService saves it: a remix layer, a step of history and the remix's copy. */
export function newDraft(n: number, over: Partial<DraftRecord> = {}): DraftRecord {
  const remixId = uuid(500 + n);
  const present = doc([{ id: 'r', kind: 'remix', remixId, x: 0, y: 0, width: 64, height: 48 }]);
  return {
    id: uuid(n),
    codeHash: `hash-${n}`,
    document: present,
    history: { past: [doc()], future: [] },
    remixes: [{ remix: remixOf(remixId), imageKey: `drafts/${uuid(n)}.${remixId}.png` }],
    createdAt: T0,
    expiresAt: new Date(T0.getTime() + 14 * DAY),
    ...over,
  };
}

/** What DraftRepository does, run against FakeDrafts (draft.fakes.test.ts) and Postgres (draft.repository.integration.test.ts). */
export function describeDraftStore(name: string, make: () => Promise<DraftStoreHarness>): void {
  describe(`${name}: the draft store contract`, () => {
    const start = perTest(make);

    it('keeps a draft whole and finds it by code hash and by id until it expires', async () => {
      const { drafts } = await start();
      const d = newDraft(1);
      expect(await drafts.insert(d)).toBe(true);
      expect(await drafts.findByCodeHash('hash-1', T0)).toEqual(d);
      expect(await drafts.findById(uuid(1), T0)).toEqual(d);
      expect(await drafts.findByCodeHash('hash-2', T0)).toBeNull();
      expect(await drafts.findById(uuid(2), T0)).toBeNull();
      expect(await drafts.findByCodeHash('hash-1', d.expiresAt)).toBeNull();
      expect(await drafts.findById(uuid(1), new Date(d.expiresAt.getTime() + 1))).toBeNull();
    });

    it('refuses a second draft with a code hash that is taken', async () => {
      const { drafts } = await start();
      await drafts.insert(newDraft(1));
      expect(await drafts.insert(newDraft(2, { codeHash: 'hash-1' }))).toBe(false);
      expect(await drafts.findById(uuid(2), T0)).toBeNull();
    });

    it('lists expired drafts, oldest expiry first, a batch at a time, and deletes them', async () => {
      const { drafts } = await start();
      for (const n of [1, 2, 3]) await drafts.insert(newDraft(n, { expiresAt: new Date(T0.getTime() + (4 - n) * DAY) }));
      const at = new Date(T0.getTime() + 2 * DAY);
      const expired = await drafts.listExpired(at, 10);
      expect(expired.map((d) => d.id)).toEqual([uuid(3), uuid(2)]);
      expect(expired[0]!.remixes).toEqual(newDraft(3).remixes);
      expect((await drafts.listExpired(at, 1)).map((d) => d.id)).toEqual([uuid(3)]);
      await drafts.delete([uuid(3), uuid(2)]);
      await drafts.delete([]);
      expect(await drafts.listExpired(at, 10)).toEqual([]);
      expect(await drafts.findById(uuid(1), T0)).not.toBeNull();
    });
  });
}
