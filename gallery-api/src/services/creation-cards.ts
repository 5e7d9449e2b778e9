import type { CreationList } from '@atelier/contracts/creation.schema';
import type { Lang } from '@atelier/contracts/lang';
import type { CreationSummaryRecord } from './creation';
import type { CreationView } from './creation.view';

/** Cards kept as JSON text (the oldest go first): the first pages of the gallery in both languages, many times over. */
export const CARDS_KEPT = 5000;

/** A page of cards as the repository reads it; written as contracts' `CreationList`. */
export type CardPage = Omit<CreationList, 'items'> & { items: readonly CreationSummaryRecord[] };

/**
 * What a kept card is checked against: every field of the record but its provenance, which never changes once
 * published (creation.view.ts keeps credits on the same ground). Generic, so a field added to cards is covered too.
 */
export function cardStamp(c: CreationSummaryRecord): string {
  let stamp = '';
  for (const key in c) {
    if (key === 'provenance') continue;
    const v = (c as unknown as Record<string, unknown>)[key];
    stamp += `${v instanceof Date ? v.getTime() : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}\u0000`;
  }
  return stamp;
}

/**
 * The gallery's pages as JSON text, built from each card's JSON, kept per creation and language while its record is
 * unchanged: building and writing 24 cards was most of the list route's own time (issue 16 item 7). The cards are the
 * view's (`CreationView.creation`), so the answer is the contract's `CreationList` (creations.routes' tests parse it).
 */
export function createCardPages(view: CreationView, kept = CARDS_KEPT) {
  const cards = new Map<string, { stamp: string; json: string }>();
  const cardJson = (c: CreationSummaryRecord, lang: Lang): string => {
    const key = `${c.id}\n${lang}`;
    const stamp = cardStamp(c);
    const found = cards.get(key);
    if (found?.stamp === stamp) return found.json;
    const json = JSON.stringify(view.creation(c, lang));
    if (!found && cards.size >= kept) cards.delete(cards.keys().next().value as string);
    cards.set(key, { stamp, json });
    return json;
  };
  return (page: CardPage, lang: Lang): string => {
    const { items, ...rest } = page;
    let cardsJson = '';
    for (const c of items) cardsJson += (cardsJson ? ',' : '') + cardJson(c, lang);
    const others = JSON.stringify(rest);
    return `{"items":[${cardsJson}]${others.length > 2 ? `,${others.slice(1)}` : '}'}`;
  };
}

export type CardPages = ReturnType<typeof createCardPages>;
