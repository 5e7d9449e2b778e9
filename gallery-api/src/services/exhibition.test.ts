import { describe, expect, it } from 'vitest';
import type { CreationRecord } from './creation';
import { createCreationView } from './creation.view';
import { dayIn, isOnView, shownInOrder } from './exhibition';
import { FakeExhibitionStore } from './exhibition.fakes';
import { ExhibitionService } from './exhibition.service';
import { FakeStaffAudit } from './staff-audit.fakes';
import { WithdrawalService } from './withdrawal.service';
import { creation as fixture } from '../testing/creation-fixture';

const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
const input = (over: Record<string, unknown> = {}) => ({
  title: { en: 'Pearls', nl: 'Parels' },
  text: { en: '', nl: '' },
  creationIds: ids,
  startsOn: null,
  endsOn: null,
  public: true,
  slideSeconds: 10,
  transition: 'fade' as const,
  ...over,
});

function setup(now = new Date('2026-06-15T10:00:00Z')) {
  const store = new FakeExhibitionStore();
  const records = new Map<string, CreationRecord>();
  for (const [i, id] of ids.entries()) {
    store.statuses.set(id, 'approved');
    records.set(id, { ...fixture, id, title: `Pearl ${i}`, status: 'approved', width: 640, height: 480, licenceId: 'by', createdAt: new Date('2026-03-01T12:00:00Z'), imageKeys: { thumb: 't', working: 'w', full: 'f' } } as CreationRecord);
  }
  const creations = { findById: async (id: string) => (records.get(id) ? { ...records.get(id)!, status: store.statuses.get(id)! } : null) };
  const audit = new FakeStaffAudit();
  const service = new ExhibitionService({ store, creations, view: createCreationView('Studio X'), audit, publicUrl: 'https://a.example/', studioName: 'Studio X', now: () => now });
  const withdrawals = new WithdrawalService({ store, audit, exhibitionsWith: (id) => store.exhibitionsWith(id), changed: (x) => service.changed(x) });
  return { store, service, audit, withdrawals };
}

describe('visibility rules', () => {
  it('isOnView: public and today within its dates (inclusive), in the museum time zone', () => {
    expect(isOnView({ public: true, startsOn: null, endsOn: null }, '2026-06-15')).toBe(true);
    expect(isOnView({ public: false, startsOn: null, endsOn: null }, '2026-06-15')).toBe(false);
    expect(isOnView({ public: true, startsOn: '2026-06-15', endsOn: '2026-06-15' }, '2026-06-15')).toBe(true);
    expect(isOnView({ public: true, startsOn: '2026-06-16', endsOn: null }, '2026-06-15')).toBe(false);
    expect(isOnView({ public: true, startsOn: null, endsOn: '2026-06-14' }, '2026-06-15')).toBe(false);
    // 23:30 UTC on 14 June is already 15 June in Amsterdam.
    expect(dayIn('Europe/Amsterdam', new Date('2026-06-14T23:30:00Z'))).toBe('2026-06-15');
  });

  it('shownInOrder keeps the curated order and drops all but approved ones', () => {
    expect(shownInOrder(['c', 'a', 'b'], new Set(['a', 'c']))).toEqual(['c', 'a']);
  });
});

describe('ExhibitionService with fakes', () => {
  it('saves the selection deduplicated, in order, and audit-logs create and update', async () => {
    const { service, audit } = setup();
    const e = await service.create(input({ creationIds: [ids[2], ids[0], ids[2]] }), 'staff-1');
    expect(e.items.map((i) => i.creationId)).toEqual([ids[2], ids[0]]);
    await service.update(e.id, input(), 'staff-1');
    expect(audit.events.map((x) => x.action)).toEqual(['exhibition.create', 'exhibition.update']);
  });

  it('refuses pending, rejected and withdrawn creations when added, but keeps a withdrawn one already listed', async () => {
    const { service, store } = setup();
    store.statuses.set(ids[1]!, 'pending');
    await expect(service.create(input(), 's')).rejects.toMatchObject({ statusCode: 400, code: 'creation_not_approved' });
    store.statuses.set(ids[1]!, 'approved');
    const e = await service.create(input(), 's');
    store.statuses.set(ids[1]!, 'withdrawn');
    await expect(service.update(e.id, input(), 's')).resolves.toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ status: 'withdrawn' })]) });
  });

  it('the kiosk shows approved creations only, and its version changes when one is withdrawn; listeners hear of it', async () => {
    const { service, withdrawals, audit } = setup();
    const e = await service.create(input(), 's');
    const before = await service.kioskManifest(e.id);
    expect(before.slides.map((s) => s.creationId)).toEqual(ids);
    expect(before.slides[0]).toMatchObject({ pageUrl: `https://a.example/gallery/${ids[0]}`, year: 2026, basedOnMore: 0 });
    expect(before.slides[0]!.basedOn.map((w) => w.title)).toEqual(['Dunes', 'Anonymous tile']);
    const heard: string[] = [];
    service.onChange((x) => heard.push(...x));
    await withdrawals.withdraw(ids[1]!, 's', 'asked by the maker');
    expect(heard).toEqual([e.id]);
    const after = await service.kioskManifest(e.id);
    expect(after.slides.map((s) => s.creationId)).toEqual([ids[0], ids[2]]);
    expect(after.version).not.toBe(before.version);
    expect(audit.events.at(-1)).toMatchObject({ action: 'creation.withdraw', subjectId: ids[1], detail: { reason: 'asked by the maker', exhibitions: [e.id] } });
    await expect(withdrawals.withdraw(ids[1]!, 's', 'again')).rejects.toMatchObject({ statusCode: 409 });
  });

  it('answers 404 for an exhibition not on view, to the page, the kiosk and the IIIF Collection alike', async () => {
    const { service } = setup();
    const hidden = await service.create(input({ public: false }), 's');
    const later = await service.create(input({ startsOn: '2026-07-01' }), 's');
    for (const id of [hidden.id, later.id, '00000000-0000-4000-8000-000000000000']) {
      await expect(service.publicPage(id, 1, 'en')).rejects.toMatchObject({ statusCode: 404 });
      await expect(service.kioskManifest(id)).rejects.toMatchObject({ statusCode: 404 });
      await expect(service.iiifCollection(id)).rejects.toMatchObject({ statusCode: 404 });
    }
    expect((await service.listOnView('nl')).items).toEqual([]);
  });

  it('pages the public view, 24 a page, counting approved creations only', async () => {
    const { service, store } = setup();
    const e = await service.create(input(), 's');
    store.statuses.set(ids[0]!, 'withdrawn');
    const page = await service.publicPage(e.id, 1, 'nl');
    expect(page).toMatchObject({ title: 'Parels', creations: { total: 2, page: 1, pageSize: 24 } });
    expect(page.creations.items.map((c) => c.id)).toEqual([ids[1], ids[2]]);
    expect((await service.publicPage(e.id, 2, 'nl')).creations.items).toEqual([]);
  });
});
