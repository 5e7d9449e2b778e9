import { describe, expect, it } from 'vitest';
import { perTest } from '../testing/per-test';
import { newCreation } from './creation.contract';
import { newDraft } from './draft.contract';
import type { DraftRecord } from './draft.service';
import type { NewWorkshop, SubmissionRecord, WorkshopStore } from './workshop';

export interface WorkshopStoreHarness {
  store: WorkshopStore;
  /** An educator's staff account; answers its id. */
  addEducator(username: string): Promise<string>;
  /** A draft as DraftStore keeps it. */
  addDraft(draft: DraftRecord): Promise<void>;
  /** A creation in the museum's gallery (for a public workshop's approved work); answers its id. */
  addCreation(n: number): Promise<string>;
  draftCount(): Promise<number>;
  close(): Promise<void>;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const T0 = new Date(Date.UTC(2026, 5, 1, 9));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const newWorkshop = (n: number, educatorId: string, over: Partial<NewWorkshop> = {}): NewWorkshop => ({
  id: uuid(n),
  educatorId,
  title: `Workshop ${n}`,
  lang: 'nl',
  startsAt: new Date(T0.getTime() + n * HOUR),
  endsAt: new Date(T0.getTime() + n * HOUR + 90 * 60_000),
  brief: { nl: 'Maak iets.', en: 'Make something.' },
  assignment: [{ workId: 'w1' }, { workId: 'w2', region: { x: 0.25, y: 0.25, w: 0.5, h: 0.5 } }],
  tools: ['style'],
  mayDraw: true,
  maySearch: false,
  publishRule: 'public',
  joinCode: `CODE${String(n).padStart(2, '3')}`,
  retentionDays: 7,
  ...over,
});

/** A draft with this code hash whose remix copies are stored under `imageKeys`. */
function draftWith(n: number, codeHash: string, imageKeys: string[]): DraftRecord {
  const d = newDraft(n, { codeHash });
  const copy = d.remixes[0]!;
  return { ...d, remixes: imageKeys.map((imageKey, i) => ({ remix: { ...copy.remix, id: uuid(600 + 10 * n + i) }, imageKey })) };
}

const pupil = (n: number, workshopId: string) => ({
  id: uuid(100 + n),
  workshopId,
  pseudonym: { nl: `Blauwe Reiger ${n}`, en: `Blue Heron ${n}` },
  rejoinHash: `rejoin-${n}`,
  takeHomeToken: `takehome-${n}`.padEnd(32, '0'),
});

const submission = (n: number, workshopId: string, pupilId: string | null): Omit<SubmissionRecord, 'state' | 'comment' | 'decidedBy' | 'publicCreationId' | 'decidedAt'> => {
  const creation = { ...newCreation(200 + n), visitorKey: 'v'.repeat(64) };
  return {
    id: uuid(300 + n),
    requestId: creation.requestId,
    workshopId,
    pupilId,
    pseudonym: { nl: `Blauwe Reiger ${n}`, en: `Blue Heron ${n}` },
    title: creation.title,
    creditLine: creation.creditLine,
    imageKeys: { full: `workshop-creations/${n}/full.png`, working: `workshop-creations/${n}/working.webp`, thumb: `workshop-creations/${n}/thumb.webp` },
    creation,
    createdAt: new Date(T0.getTime() + n * 60_000),
  };
};

/** What WorkshopRepository does, run against FakeWorkshops (workshop.fakes.test.ts) and Postgres (workshop.repository.integration.test.ts). */
export function describeWorkshopStore(name: string, make: () => Promise<WorkshopStoreHarness>): void {
  describe(`${name}: the workshop store contract`, () => {
    const start = perTest(make);

    it('keeps a workshop whole, finds it by id and join code, lists an educator’s newest first, and refuses a join code in use', async () => {
      const { store, addEducator } = await start();
      const eva = await addEducator('edu.eva');
      const bob = await addEducator('edu.bob');
      const w1 = await store.createWorkshop(newWorkshop(1, eva));
      expect(w1).toMatchObject({ ...newWorkshop(1, eva), educatorUsername: 'edu.eva', locked: false, endedAt: null, forgottenAt: null });
      expect(w1.createdAt).toBeInstanceOf(Date);
      await store.createWorkshop(newWorkshop(2, eva));
      await store.createWorkshop(newWorkshop(3, bob));
      expect(await store.findWorkshop(uuid(1))).toEqual(w1);
      expect((await store.findByJoinCode('CODE31'))?.id).toBe(uuid(1));
      expect(await store.findByJoinCode('NOPE99')).toBeNull();
      expect((await store.listWorkshops(eva)).map((w) => w.id)).toEqual([uuid(2), uuid(1)]);
      expect((await store.listWorkshops(null)).map((w) => w.id)).toEqual([uuid(3), uuid(2), uuid(1)]);
      await expect(store.createWorkshop(newWorkshop(4, bob, { joinCode: 'CODE31' }))).rejects.toMatchObject({ code: '23505' });

      await store.setLocked(uuid(1), true);
      const endedAt = new Date(T0.getTime() + 2 * HOUR);
      await store.end(uuid(1), endedAt);
      await store.end(uuid(1), new Date(T0.getTime() + 3 * HOUR)); // the first end stays
      expect(await store.findWorkshop(uuid(1))).toMatchObject({ locked: true, endedAt });
    });

    it('adds pupils with unique pseudonyms and rejoin codes per workshop, finds them each way, and removes one', async () => {
      const { store, addEducator } = await start();
      const eva = await addEducator('edu.eva');
      await store.createWorkshop(newWorkshop(1, eva));
      await store.createWorkshop(newWorkshop(2, eva));
      const ada = await store.addPupil(pupil(1, uuid(1)));
      expect(ada).toMatchObject({ id: uuid(101), workshopId: uuid(1), pseudonym: pupil(1, uuid(1)).pseudonym, removedAt: null });
      expect(await store.addPupil({ ...pupil(2, uuid(1)), pseudonym: pupil(1, uuid(1)).pseudonym })).toBeNull();
      expect(await store.addPupil({ ...pupil(2, uuid(1)), rejoinHash: 'rejoin-1' })).toBeNull();
      // The same pseudonym in another workshop is another pupil.
      expect(await store.addPupil({ ...pupil(3, uuid(2)), pseudonym: pupil(1, uuid(1)).pseudonym })).not.toBeNull();
      await store.addPupil(pupil(2, uuid(1)));
      expect(await store.findPupil(uuid(101))).toEqual(ada);
      expect((await store.findPupilByRejoin(uuid(1), 'rejoin-2'))?.id).toBe(uuid(102));
      expect(await store.findPupilByRejoin(uuid(2), 'rejoin-2')).toBeNull();
      expect((await store.findPupilByTakeHome(pupil(1, uuid(1)).takeHomeToken))?.id).toBe(uuid(101));
      expect((await store.listPupils(uuid(1))).map((p) => p.id).sort()).toEqual([uuid(101), uuid(102)]);
      expect(await store.removePupil(uuid(2), uuid(101))).toBe(false); // not in that workshop
      expect(await store.removePupil(uuid(1), uuid(101))).toBe(true);
      expect((await store.findPupil(uuid(101)))?.removedAt).toBeInstanceOf(Date);
    });

    it('holds submissions once per request, lists and filters them in order, decides them and marks their public origin', async () => {
      const { store, addEducator, addCreation } = await start();
      const eva = await addEducator('edu.eva');
      await store.createWorkshop(newWorkshop(1, eva));
      await store.addPupil(pupil(1, uuid(1)));
      await store.addPupil(pupil(2, uuid(1)));
      const first = await store.insertSubmission(submission(1, uuid(1), uuid(101)));
      expect(first.inserted).toBe(true);
      expect(first.submission).toEqual({ ...submission(1, uuid(1), uuid(101)), state: 'waiting', comment: null, decidedBy: null, publicCreationId: null, decidedAt: null });
      // A second send of the same request answers the first.
      const again = await store.insertSubmission({ ...submission(1, uuid(1), uuid(101)), id: uuid(399), title: 'Other' });
      expect(again).toEqual({ inserted: false, submission: first.submission });
      await store.insertSubmission(submission(2, uuid(1), uuid(102)));
      await store.insertSubmission(submission(3, uuid(1), uuid(101)));
      expect(await store.findSubmissionByRequestId(submission(2, uuid(1), null).requestId)).toMatchObject({ id: uuid(302) });
      expect((await store.listSubmissions(uuid(1))).map((s) => s.id)).toEqual([uuid(301), uuid(302), uuid(303)]);
      expect((await store.listSubmissions(uuid(1), { pupilId: uuid(101) })).map((s) => s.id)).toEqual([uuid(301), uuid(303)]);

      const decided = await store.decide(uuid(301), (current) => {
        expect(current.state).toBe('waiting');
        return { state: 'approved', comment: null, decidedBy: eva };
      });
      expect(decided).toMatchObject({ id: uuid(301), state: 'approved', decidedBy: eva });
      expect(decided.decidedAt).toBeInstanceOf(Date);
      await store.decide(uuid(302), () => ({ state: 'returned', comment: 'More sky.', decidedBy: eva }));
      expect((await store.listSubmissions(uuid(1), { states: ['approved', 'returned'] })).map((s) => [s.id, s.state, s.comment])).toEqual([
        [uuid(301), 'approved', null],
        [uuid(302), 'returned', 'More sky.'],
      ]);
      const creationId = await addCreation(1);
      await store.setPublicCreation(uuid(301), creationId);
      expect((await store.findSubmission(uuid(301)))?.publicCreationId).toBe(creationId);
      expect(await store.originsOf([creationId, uuid(9999)])).toEqual(new Map([[creationId, { workshopTitle: 'Workshop 1', approvedBy: 'edu.eva' }]]));
      expect(await store.originsOf([])).toEqual(new Map());
    });

    it('is due for forgetting its retention after it is over, then forgets pupils, unapproved work and pupils’ drafts, keeping approved work', async () => {
      const { store, addEducator, addDraft, draftCount } = await start();
      const eva = await addEducator('edu.eva');
      await store.createWorkshop(newWorkshop(1, eva));
      await store.createWorkshop(newWorkshop(2, eva));
      for (const [n, w] of [[1, 1], [2, 1], [3, 2]] as const) await store.addPupil(pupil(n, uuid(w)));
      await store.insertSubmission(submission(1, uuid(1), uuid(101)));
      await store.insertSubmission(submission(2, uuid(1), uuid(102)));
      await store.decide(uuid(301), () => ({ state: 'approved', comment: null, decidedBy: eva }));
      await addDraft(draftWith(1, 'draft-1', ['drafts/1/a.png', 'drafts/1/b.png']));
      await addDraft(draftWith(2, 'draft-2', ['drafts/2/a.png']));
      await addDraft(draftWith(3, 'draft-3', []));
      await store.keepDraft(uuid(1), 'draft-1');
      await store.keepDraft(uuid(1), 'draft-1'); // once
      await store.keepDraft(uuid(2), 'draft-2');
      await store.keepDraft(uuid(1), 'no-such-draft');

      // Workshop 1 ended early (at 2 h), workshop 2 at its window's end (3.5 h); both keep 7 days.
      await store.end(uuid(1), new Date(T0.getTime() + 2 * HOUR));
      const due = async (at: number) => (await store.dueForForgetting(new Date(T0.getTime() + at))).map((w) => w.id);
      expect(await due(7 * DAY + 2 * HOUR - 1)).toEqual([]);
      expect(await due(7 * DAY + 2 * HOUR)).toEqual([uuid(1)]);
      expect(await due(7 * DAY + 3.5 * HOUR)).toEqual([uuid(1), uuid(2)]);

      const now = new Date(T0.getTime() + 8 * DAY);
      const gone = await store.forget(uuid(1), now);
      expect({ ...gone, imageKeys: [...gone.imageKeys].sort() }).toEqual({
        imageKeys: [...Object.values(submission(2, uuid(1), null).imageKeys), 'drafts/1/a.png', 'drafts/1/b.png'].sort(),
        pupils: 2,
        submissions: 1,
        drafts: 1,
      });
      expect(await draftCount()).toBe(2);
      expect(await store.listPupils(uuid(1))).toEqual([]);
      expect(await store.findPupilByTakeHome(pupil(1, uuid(1)).takeHomeToken)).toBeNull();
      const kept = await store.listSubmissions(uuid(1));
      expect(kept.map((s) => [s.id, s.state, s.pupilId, s.pseudonym.en])).toEqual([[uuid(301), 'approved', null, 'Blue Heron 1']]);
      expect(kept[0]!.creation).not.toHaveProperty('visitorKey');
      expect(await store.findWorkshop(uuid(1))).toMatchObject({ forgottenAt: now, joinCode: null });
      expect(await store.findByJoinCode('CODE31')).toBeNull();
      expect(await due(30 * DAY)).toEqual([uuid(2)]);
      // The other workshop's pupil is still there.
      expect((await store.listPupils(uuid(2))).map((p) => p.id)).toEqual([uuid(103)]);
    });
  });
}
