import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../db/migrate';
import { ACCENTED, FOLDED, foldAccents, MAX_SEARCH_WORDS, searchWords, toPrefixTsQuery } from './work-search';

describe('toPrefixTsQuery', () => {
  it('turns words into prefix terms joined by AND', () => {
    expect(toPrefixTsQuery('Starry  Ni')).toBe('starry:* & ni:*');
    expect(toPrefixTsQuery('van-Gogh')).toBe('van:* & gogh:*');
    expect(toPrefixTsQuery('Composición 7')).toBe('composicion:* & 7:*');
  });

  it('lets no tsquery syntax through', () => {
    expect(toPrefixTsQuery("a' | b:* & !c <-> (d)")).toBe('a:* & b:* & c:* & d:*');
    expect(toPrefixTsQuery("'); DROP TABLE collection_works; --")).toBe('drop:* & table:* & collection:* & works:*');
  });

  it('means "list everything" when nothing searchable is left', () => {
    expect(toPrefixTsQuery('')).toBeNull();
    expect(toPrefixTsQuery('  !!! & ')).toBeNull();
  });

  it('bounds the number of words', () => {
    const q = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
    expect(toPrefixTsQuery(q)?.split(' & ')).toHaveLength(MAX_SEARCH_WORDS);
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
