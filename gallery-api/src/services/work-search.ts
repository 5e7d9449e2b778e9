export const MAX_SEARCH_WORDS = 8;
const MAX_WORD_LENGTH = 64;

/**
 * A visitor's words as a prefix tsquery for the `simple` configuration: `starry ni` → `starry:* & ni:*`.
 * Only runs of letters and digits survive, so no tsquery operator (`&`, `|`, `!`, `:`, quotes) from the
 * input can reach `to_tsquery`. Null when nothing searchable is left, which means: list everything.
 */
export function toPrefixTsQuery(q: string): string | null {
  const words = q.normalize('NFKC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words.map((w) => w.slice(0, MAX_WORD_LENGTH)))].slice(0, MAX_SEARCH_WORDS);
  return unique.length ? unique.map((w) => `${w}:*`).join(' & ') : null;
}
