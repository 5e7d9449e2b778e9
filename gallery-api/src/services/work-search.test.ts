import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_WORDS, toPrefixTsQuery } from './work-search';

describe('toPrefixTsQuery', () => {
  it('turns words into prefix terms joined by AND', () => {
    expect(toPrefixTsQuery('Starry  Ni')).toBe('starry:* & ni:*');
    expect(toPrefixTsQuery('van-Gogh')).toBe('van:* & gogh:*');
    expect(toPrefixTsQuery('Composición 7')).toBe('composición:* & 7:*');
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
