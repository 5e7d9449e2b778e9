import type { LicenceFamily } from '@atelier/contracts/licences';

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

/** What a visitor can narrow the collection by. Every field is optional; absent means "any". */
export interface WorkFilters {
  institutions?: string[];
  families?: LicenceFamily[];
  /** Works whose date range overlaps [from, to] (years; negative = BCE). Undated works drop out. */
  from?: number;
  to?: number;
  /** true: only works with an IIIF image service; false: only works without. */
  iiif?: boolean;
}

export interface WorkSearch extends WorkFilters {
  /** Folded words from `searchWords`; empty lists by title. */
  words: string[];
  limit: number;
  offset: number;
}
