import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresWorkSearch } from './work-search.postgres';

/** A database that answers every walk with an empty collection, recording what it was sent. */
function recording() {
  const sent: pg.QueryConfig[] = [];
  const db = {
    query: async (config: pg.QueryConfig | string) => {
      sent.push(typeof config === 'string' ? { text: config } : config);
      return { rows: [{ matched: '0', scanned: '0', tiers: ['0', '0', '0', '0'], id: null }] };
    },
  };
  return { sent, search: new PostgresWorkSearch(db as unknown as pg.Pool, 'id') };
}

describe('PostgresWorkSearch walks', () => {
  it('are named statements, one name per text, so a connection plans each walk once', async () => {
    const { sent, search } = recording();
    await search.search({ words: ['harbour'], limit: 24, offset: 0 });
    await search.search({ words: ['portrait'], limit: 24, offset: 24 });
    await search.search({ words: ['harbour'], limit: 24, offset: 0, institutions: ['Rijksmuseum'] });
    const walks = sent.filter((c) => c.text.includes('hits AS MATERIALIZED'));
    expect(walks).toHaveLength(3);
    expect(walks[0]?.name).toMatch(/^work-search-walk-[0-9a-f]{16}$/);
    expect(walks[1]?.name).toBe(walks[0]?.name);
    expect(walks[1]?.values).toEqual([['portrait'], 384, 48]);
    expect(walks[2]?.name).not.toBe(walks[0]?.name);
  });
});
