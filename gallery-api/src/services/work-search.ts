import type { WorkFilters } from '@atelier/contracts/work.schema';
import type { CollectionWork } from './collection-work';

export const MAX_SEARCH_WORDS = 8;
/** The longest word searched (longer ones are cut): migration 023 indexes the beginnings of lexemes up to this length. */
export const MAX_WORD_LENGTH = 64;

/**
 * Accent folding shared with the database: migration 002's `atelier_fold` uses exactly these two strings in
 * `translate()`, so a visitor typing "Emile" finds "Émile" and "Émile" finds "Emile". A test keeps them equal.
 */
export const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěìíîïīįıñńňòóôõöøōőŕřśšşťùúûüūůűųýÿžźż';
export const FOLDED = 'aaaaaaaaacccdeeeeeeeeiiiiiiinnnoooooooorrssstuuuuuuuuyyzzz';
const FOLD = new Map([...ACCENTED].map((c, i) => [c, [...FOLDED][i] as string]));

export function foldAccents(s: string): string {
  return [...s.toLowerCase()].map((c) => FOLD.get(c) ?? c).join('');
}

/**
 * A visitor's words, folded and cleaned: only runs of letters and digits survive, so no tsquery operator
 * (`&`, `|`, `!`, `:`, quotes) from the input can reach `to_tsquery`. Empty means: list everything.
 */
export function searchWords(q: string): string[] {
  const words = foldAccents(q.normalize('NFC')).match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.slice(0, MAX_WORD_LENGTH)))].slice(0, MAX_SEARCH_WORDS);
}

/** A search as a `WorkSearch` runs it: the visitor's filters, folded words and a page. */
export interface WorkQuery extends WorkFilters {
  /** Folded words from `searchWords`; empty lists by title. */
  words: string[];
  limit: number;
  offset: number;
}

export interface WorkPage {
  works: CollectionWork[];
  total: number;
  /** True when more works match than were counted (`total` is then a lower bound). */
  totalIsLowerBound?: boolean;
}

/**
 * The collection's search, as a port: visible works matching words and filters, a page at a time. Postgres answers
 * it (repositories/work-search.postgres.ts, the default); a search engine (OpenSearch, Meilisearch, Typesense) would
 * implement this one method over an index fed from `collection_works` (README "Search at museum scale").
 *
 * What an implementation owes the studio:
 * - every word must match (AND), as a whole word, as the beginning of a word ("sch" finds "Schip"), or by its English
 *   or Dutch stem ("schilderijen" finds "schilderij"); accents are folded (`foldAccents`);
 * - words rank by tier: 0 every word a whole word (or stem) of the title, 1 every word beginning a word of the title,
 *   2 every word in the creator's name, 3 anywhere else; within a tier better-described works first (an IIIF
 *   service, a description, a creator, a date), then by id;
 * - without words: by title, then id;
 * - `total` may be a lower bound (`totalIsLowerBound`) when counting every match would cost more than the page.
 */
export interface WorkSearch {
  search(query: WorkQuery): Promise<WorkPage>;
}
