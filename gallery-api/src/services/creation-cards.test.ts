import { describe, expect, it } from 'vitest';
import { creationListSchema } from '@atelier/contracts/creation.schema';
import type { CreationSummaryRecord } from './creation';
import { createCardPages } from './creation-cards';
import { createCreationView } from './creation.view';
import { creation as fixture } from '../testing/creation-fixture';

const record = (over: Partial<CreationSummaryRecord> = {}): CreationSummaryRecord => ({
  id: fixture.id,
  status: 'approved',
  title: fixture.title,
  altText: fixture.altText,
  licenceId: 'by',
  licenceUri: 'https://creativecommons.org/licenses/by/4.0/',
  width: 640,
  height: 480,
  createdAt: new Date('2026-03-01T12:00:00Z'),
  decidedAt: new Date('2026-03-02T09:00:00Z'),
  provenance: fixture.provenance,
  ...over,
});

describe('createCardPages', () => {
  const view = createCreationView('Studio X');

  it("writes the contract's CreationList: the view's cards, in order, with the page's other fields", () => {
    const pages = createCardPages(view);
    const items = [record(), record({ id: '33333333-3333-4333-8333-333333333333', title: 'Second', decidedAt: null })];
    for (const lang of ['en', 'nl'] as const) {
      const json = pages({ items, total: 30, page: 2, pageSize: 24 }, lang);
      const expected = { items: items.map((c) => view.creation(c, lang)), total: 30, page: 2, pageSize: 24 };
      expect(JSON.parse(json)).toEqual(expected);
      expect(creationListSchema.parse(JSON.parse(json))).toEqual(expected);
    }
    expect(JSON.parse(pages({ items: [], total: 0, page: 1, pageSize: 24 }, 'en'))).toEqual({ items: [], total: 0, page: 1, pageSize: 24 });
  });

  /** The view, counting the cards it builds. */
  const counting = () => {
    const built: string[] = [];
    const counted = { ...view, creation: (c: CreationSummaryRecord, lang: 'en' | 'nl') => (built.push(c.id), view.creation(c, lang)) };
    return { built, pages: createCardPages(counted, 2) };
  };
  const one = (c: CreationSummaryRecord) => ({ items: [c], total: 1, page: 1, pageSize: 24 });

  it('builds a card once per creation and language while its record is unchanged, again when any field changes', () => {
    const { built, pages } = counting();
    const first = record();
    pages(one(first), 'en');
    pages(one(record()), 'en');
    expect(built).toHaveLength(1);
    pages(one(first), 'nl');
    expect(built).toHaveLength(2);
    const changed: Partial<CreationSummaryRecord>[] = [
      { title: 'Renamed' },
      { altText: null },
      { status: 'withdrawn' },
      { licenceId: 'cc0', licenceUri: 'https://creativecommons.org/publicdomain/zero/1.0/' },
      { width: 1024 },
      { height: 1024 },
      { createdAt: new Date('2026-03-01T12:00:01Z') },
      { decidedAt: null },
      { maker: { en: 'Blue Heron 12', nl: 'Blauwe Reiger 12' } },
    ];
    for (const over of changed) {
      const c = record(over);
      const before = built.length;
      expect((JSON.parse(pages(one(c), 'en')) as { items: unknown[] }).items[0], JSON.stringify(over)).toEqual(view.creation(c, 'en'));
      expect(built, JSON.stringify(over)).toHaveLength(before + 1);
    }
  });

  it('keeps at most `kept` cards, the oldest going first', () => {
    const { built, pages } = counting();
    const [a, b, c] = ['a', 'b', 'c'].map((x) => record({ id: `${x.repeat(8)}-0000-4000-8000-000000000000` }));
    for (const r of [a!, b!, c!, c!, b!]) pages(one(r), 'en');
    expect(built).toEqual([a!.id, b!.id, c!.id]);
    pages(one(a!), 'en');
    expect(built).toEqual([a!.id, b!.id, c!.id, a!.id]);
  });
});
