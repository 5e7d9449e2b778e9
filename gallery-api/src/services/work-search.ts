import type { WorkFilters } from '@atelier/contracts/work.schema';

export const MAX_SEARCH_WORDS = 8;
const MAX_WORD_LENGTH = 64;

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

/** A search as the repository runs it: the visitor's filters, folded words and a page. */
export interface WorkSearch extends WorkFilters {
  /** Folded words from `searchWords`; empty lists by title. */
  words: string[];
  limit: number;
  offset: number;
}
