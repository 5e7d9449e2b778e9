import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CreationStatus } from '@atelier/contracts/creation.schema';
import { perTest } from '../testing/per-test';
import type { ExhibitionFields, ExhibitionStore } from './exhibition.service';
import type { MementoStore } from './memento.service';
import type { WithdrawalStore } from './withdrawal.service';

export interface ExhibitionStoreHarness {
  store: ExhibitionStore;
  withdrawals: WithdrawalStore;
  mementos: MementoStore;
  /** Makes a creation with this status (the creations table, or the fake's map); answers its id. */
  creation(status: CreationStatus): Promise<string>;
  close(): Promise<void>;
}

const fields = (creationIds: string[], over: Partial<ExhibitionFields> = {}): ExhibitionFields => ({
  title: { en: 'Pearls', nl: 'Parels' },
  text: { en: 'Text', nl: 'Tekst' },
  startsOn: '2026-05-01',
  endsOn: null,
  public: true,
  slideSeconds: 9,
  transition: 'slide',
  creationIds,
  ...over,
});

/** What the exhibition, withdrawal and memento repositories do, run against the fakes (unit) and Postgres (integration). */
export function describeExhibitionStores(name: string, make: () => Promise<ExhibitionStoreHarness>): void {
  describe(`${name}: the exhibition stores' contract`, () => {
    const start = perTest(make);

    it('keeps an exhibition with its selection in order, replaces it whole on update, and lists newest first', async () => {
      const h = await start();
      const [a, b, c] = [await h.creation('approved'), await h.creation('approved'), await h.creation('approved')];
      const first = randomUUID();
      const created = await h.store.create(first, fields([c, a, b]));
      expect(created).toMatchObject({ id: first, creationIds: [c, a, b], startsOn: '2026-05-01', endsOn: null, slideSeconds: 9, transition: 'slide' });
      expect(created.updatedAt).toBeInstanceOf(Date);
      const updated = await h.store.update(first, fields([b, c], { public: false, title: { en: 'P', nl: 'Q' } }));
      expect(updated).toMatchObject({ creationIds: [b, c], public: false, title: { en: 'P', nl: 'Q' } });
      expect(await h.store.update(randomUUID(), fields([]))).toBeNull();
      expect(await h.store.find(randomUUID())).toBeNull();
      const second = randomUUID();
      await h.store.create(second, fields([]));
      expect((await h.store.list()).map((e) => e.id)).toEqual([second, first]);
      expect((await h.store.find(second))!.creationIds).toEqual([]);
      expect(await h.store.exhibitionsWith(c)).toEqual([first]);
    });

    it("answers creations' statuses, and withdraws an approved one only", async () => {
      const h = await start();
      const approved = await h.creation('approved');
      const pending = await h.creation('pending');
      const unknown = randomUUID();
      expect(await h.store.statusesOf([approved, pending, unknown])).toEqual(new Map([[approved, 'approved'], [pending, 'pending']]));
      expect(await h.withdrawals.withdraw(approved)).toBe('approved');
      expect(await h.withdrawals.withdraw(approved)).toBe('withdrawn');
      expect(await h.withdrawals.withdraw(pending)).toBe('pending');
      expect(await h.withdrawals.withdraw(unknown)).toBeNull();
      expect(await h.store.statusesOf([approved, pending])).toEqual(new Map([[approved, 'withdrawn'], [pending, 'pending']]));
    });

    it('finds a memento by its hash only', async () => {
      const h = await start();
      const id = await h.creation('pending');
      await h.mementos.save('a'.repeat(64), id);
      expect(await h.mementos.creationOf('a'.repeat(64))).toBe(id);
      expect(await h.mementos.creationOf('b'.repeat(64))).toBeNull();
      expect(await h.mementos.rejectionReasonOf(id)).toBeNull();
    });
  });
}
