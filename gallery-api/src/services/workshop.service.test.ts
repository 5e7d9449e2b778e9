import { describe, expect, it } from 'vitest';
import { loadPseudonymWords } from '@atelier/prompts/pupil-pseudonyms';
import { FakeRemixSource } from './creation.fakes';
import { newDraft } from './draft.contract';
import { FakeDrafts } from './draft.fakes';
import { FakeStaffAudit } from './staff-audit.fakes';
import { FakeWorkshops } from './workshop.fakes';
import { WorkshopService, WorkshopEvents, type WorkshopDeps } from './workshop.service';

const EVA = { id: '10000000-0000-4000-8000-000000000001', username: 'edu.eva', role: 'educator' as const };
const DAY = 86_400_000;

/** The workshop service on the in-memory store, with a clock the test moves. */
function setup(groupRemixes?: WorkshopDeps['groupRemixes']) {
  let now = new Date(Date.UTC(2026, 5, 1, 9));
  const drafts = new FakeDrafts();
  const store = new FakeWorkshops(new Map([[EVA.id, EVA.username]]), drafts.rows);
  const deleted: string[] = [];
  const audit = new FakeStaffAudit();
  const service = new WorkshopService({
    store,
    audit,
    events: new WorkshopEvents(),
    publisher: () => ({ publish: async () => Promise.reject(new Error('not in this test')) }),
    remixes: new FakeRemixSource(),
    publicCreations: { insert: async () => Promise.reject(new Error('not in this test')) },
    images: { get: async () => Buffer.alloc(0), delete: async (key) => void deleted.push(key) },
    words: loadPseudonymWords(),
    keyedHash: (purpose, value) => `${purpose}:${value}`,
    pupils: { cookie: () => '' },
    publicUrl: 'https://atelier.test',
    retentionDays: 7,
    ...(groupRemixes ? { groupRemixes } : {}),
    now: () => now,
  });
  const later = (ms: number) => (now = new Date(now.getTime() + ms));
  return { service, store, drafts, deleted, audit, later };
}

async function workshopWithDraft(s: ReturnType<typeof setup>) {
  const w = await s.service.create(EVA, {
    title: 'Oogst',
    lang: 'nl',
    startsAt: new Date(Date.UTC(2026, 5, 1, 9)).toISOString(),
    endsAt: new Date(Date.UTC(2026, 5, 1, 10, 30)).toISOString(),
    brief: { nl: 'Maak iets.' },
    assignment: [{ workId: 'w1' }],
    tools: ['style'],
    mayDraw: true,
    maySearch: false,
    publishRule: 'class',
  });
  const { session } = await s.service.join(w.joinCode!, undefined);
  // The draft route saved a draft under this code; the pupil's session marks it as the workshop's.
  const draft = newDraft(1, { codeHash: 'draft code:ABCD2345' });
  await s.drafts.insert(draft);
  await s.drafts.insert(newDraft(2, { codeHash: 'draft code:OTHER234' }));
  await s.service.keepDraft(session, 'ABCD2345');
  return { w, session, draft };
}

describe('forgetting a workshop', () => {
  it('deletes its pupils’ drafts with their files and asks for its group’s remixes, once its retention has passed', async () => {
    const asked: string[] = [];
    const s = setup({ forget: async (id) => (asked.push(id), { remixes: 4, files: 7 }) });
    const { w, draft } = await workshopWithDraft(s);
    expect(await s.service.forgetDue()).toMatchObject({ workshops: 0 });
    s.later(7 * DAY + 2 * 3_600_000);
    const result = await s.service.forgetDue();
    expect(result).toEqual({ workshops: 1, pupils: 1, submissions: 0, drafts: 1, files: 1, remixes: 4, remixFiles: 7, remixesUnreached: 0 });
    expect(asked).toEqual([w.id]);
    expect(s.deleted).toEqual(draft.remixes.map((c) => c.imageKey));
    expect([...s.drafts.rows.values()].map((d) => d.codeHash)).toEqual(['draft code:OTHER234']);
    expect(s.audit.events.at(-1)).toMatchObject({ action: 'workshop.forget', detail: { pupils: 1, submissions: 0, drafts: 1, remixes: 4 } });
  });

  it('still forgets what gallery-api holds when inference-service cannot be reached, and says so', async () => {
    const s = setup({ forget: async () => Promise.reject(new Error('connect ECONNREFUSED')) });
    await workshopWithDraft(s);
    s.later(8 * DAY);
    expect(await s.service.forgetDue()).toMatchObject({ workshops: 1, pupils: 1, drafts: 1, remixes: 0, remixesUnreached: 1 });
    expect(await s.service.forgetDue()).toMatchObject({ workshops: 0 });
  });

  it('keeps a draft only for a pupil still in a workshop: anyone else is refused', async () => {
    const s = setup();
    const { session } = await workshopWithDraft(s);
    await expect(s.service.keepDraft(null, 'ABCD2345')).rejects.toMatchObject({ statusCode: 401 });
    await expect(s.service.keepDraft({ ...session, pupilId: '20000000-0000-4000-8000-000000000009' }, 'ABCD2345')).rejects.toMatchObject({ statusCode: 401 });
    expect(s.store.draftLinks.size).toBe(1);
  });
});
