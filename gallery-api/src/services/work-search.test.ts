import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../db/migrate';
import { ACCENTED, FOLDED, foldAccents, MAX_SEARCH_WORDS, MAX_WORD_LENGTH, searchWords } from './work-search';

describe('searchWords', () => {
  it('splits a query into lower-case, accent-folded words', () => {
    expect(searchWords('Starry  Ni')).toEqual(['starry', 'ni']);
    expect(searchWords('van-Gogh')).toEqual(['van', 'gogh']);
    expect(searchWords('Composición 7')).toEqual(['composicion', '7']);
  });

  it('lets no tsquery syntax through', () => {
    expect(searchWords("a' | b:* & !c <-> (d)")).toEqual(['a', 'b', 'c', 'd']);
    expect(searchWords("'); DROP TABLE collection_works; --")).toEqual(['drop', 'table', 'collection', 'works']);
  });

  it('means "list everything" when nothing searchable is left', () => {
    expect(searchWords('')).toEqual([]);
    expect(searchWords('  !!! & ')).toEqual([]);
  });

  it('cuts a word at the length whose beginnings migration 023 indexes', () => {
    expect(searchWords('a'.repeat(100))).toEqual(['a'.repeat(MAX_WORD_LENGTH)]);
    const sql = readFileSync(`${MIGRATIONS_DIR}/023_search_prefix_index.sql`, 'utf8');
    expect(sql).toContain(`least(length(l), ${MAX_WORD_LENGTH})`);
  });

  it('bounds the number of words', () => {
    const q = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
    expect(searchWords(q)).toHaveLength(MAX_SEARCH_WORDS);
  });
});

describe('accent folding', () => {
  it('folds the accents Dutch, French, Spanish and Danish titles carry', () => {
    expect(searchWords('Émile Zoë Señora Ærø Łódź')).toEqual(['emile', 'zoe', 'senora', 'æro', 'łodz']);
    expect(foldAccents('Café Ŕ')).toBe('cafe r');
  });

  it('uses the same table as the database function in migration 002', () => {
    expect([...ACCENTED]).toHaveLength([...FOLDED].length);
    const sql = readFileSync(`${MIGRATIONS_DIR}/002_open_collections.sql`, 'utf8');
    expect(sql).toContain(`'${ACCENTED}'`);
    expect(sql).toContain(`'${FOLDED}'`);
  });
});
