import { createHash } from 'node:crypto';
import type pg from 'pg';
import { preparedQuery, type Queryable } from '../db/database';
import type { CollectionWork } from '../services/collection-work';
import type { WorkPage, WorkQuery, WorkSearch } from '../services/work-search';

/** Only these are ever listed or shown: an open licence and images to show (the partial indexes' predicate). */
const VISIBLE = `licence_status = 'accepted' AND image_sha256 IS NOT NULL`;

/** Listings without words count up to this many works (an exact count of 100,000 is a full scan). */
export const COUNT_CAP = 1000;
/** The works a word search walks in rank order first (at least 8 per result asked for). */
export const SEARCH_WINDOW = 300;
/** The longest walk: past it, the page comes from the GIN index. */
const SEARCH_WINDOW_MAX = 20_000;
/** Title (or creator) matches a search reads through their small indexes to complete a page the walk left open. */
const TITLE_MATCHES_MAX = 2000;
/** The fallback ranks and counts at most this many hits (a word too rare for the walk, too common for this: rare). */
export const RANK_LIMIT = 25_000;

/** The words as tsqueries, once per statement: words, prefixes and stems (`pre`), and whole words and stems (`exact`). */
const QUERIES = (p: string) => `q AS MATERIALIZED (SELECT atelier_search_query(${p}::text[]) AS pre, atelier_search_words(${p}::text[]) AS exact)`;
/**
 * QUERIES, and `pre` for the index of lexemes and their beginnings (`prefixed`, migration 023): `atelier_prefixes(search)
 * @@ prefixed` matches the works `search @@ pre` matches, each prefix a lexeme of its own instead of a partial match.
 */
const PREFIXED_QUERIES = (p: string) =>
  `q AS MATERIALIZED (SELECT atelier_search_query(${p}::text[]) AS pre, atelier_search_words(${p}::text[]) AS exact,
     atelier_prefix_query(${p}::text[]) AS prefixed)`;
/** The tier of a matching row (services/work-search.ts `WorkSearch`): 0 title words, 1 title prefixes, 2 creator, 3 any. */
const TIER = (t: string) =>
  `CASE WHEN ${t}search_title @@ q.exact THEN 0 WHEN ${t}search_title @@ q.pre THEN 1 WHEN ${t}search_creator @@ q.pre THEN 2 ELSE 3 END`;
/** The order within the results, the rank index's (`id COLLATE "C"`: the same in every locale, and in JavaScript). */
const RANKED = `tier, rank, id COLLATE "C"`;

interface Hit {
  id: string;
  rank: number;
  tier: number;
}

interface Walked {
  /** The first `k` hits of the walk, in rank order. */
  hits: Hit[];
  /** Hits among the works walked. */
  matched: number;
  scanned: number;
  /** Hits of each tier (0 to 3) among the works walked. */
  tiers: number[];
  /** The walk saw every work that passes the filters. */
  complete: boolean;
}

/**
 * Whether the walk's first `k` hits are the search's: yes when the walk saw every work, or when the k-th hit is
 * tier 0 (a work past the walk comes later in its own tier). Else the tier of the k-th hit: every match of a lower
 * tier, from the title's and the creator's small indexes, completes the page; without a k-th hit nothing does.
 */
type Tier = 1 | 2 | 3;
function pageFrom(w: Walked, k: number): { exact: boolean; needs?: Tier } {
  const last = w.hits[k - 1];
  if (w.complete || last?.tier === 0) return { exact: true };
  return { exact: false, ...(last ? { needs: last.tier as Tier } : {}) };
}

/**
 * How far to walk when the first walk left the page open: far enough that the works of tiers up to t, met as often
 * as in the first walk, fill the page one and a half times, for the lowest t that stays under SEARCH_WINDOW_MAX.
 * Null when none does (a rare word): the page then comes from the index.
 */
function longerWalk(w: Walked, k: number): number | null {
  let met = 0;
  for (const count of w.tiers) {
    met += count;
    const needed = met ? Math.ceil((1.5 * k * w.scanned) / met) : Infinity;
    if (needed <= SEARCH_WINDOW_MAX) return needed > w.scanned ? needed : null;
  }
  return null;
}

/**
 * A walk as a named statement (db/database.ts `preparedQuery`), named after its text (the filters make a few dozen):
 * planning it took as long as walking a thousand works, and its plan (an index walk, filters above the LIMIT) is the
 * same for every word.
 */
const walkNames = new Map<string, string>();
function namedWalk(text: string): { name: string; text: string } {
  let name = walkNames.get(text);
  if (!name) walkNames.set(text, (name = `work-search-walk-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`));
  return { name, text };
}

const byRank = (a: Hit, b: Hit) => a.tier - b.tier || a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The collection's search in Postgres (migrations 002, 003, 006, 012, 023). Without words: by title along the
 * (…, title, id) indexes, the count stopping at a cap. With words, the page is found without ranking every match:
 *
 * 1. The walk: the first `window` works in rank order (`search_rank, id`, an index), matched and tiered. A common
 *    word ("portrait", one work in five) fills a page of tier 0 from a few hundred works. The page is exact when
 *    its last row is tier 0, or the walk saw every work: a work past the walk can only come later in its own tier.
 * 2. When the page's last row is of tier t > 0, every match of a lower tier is read through the small title and
 *    creator GIN indexes (a prefix like "sch" has no whole-word title matches; "rem" no title matches at all; words
 *    found in descriptions are rarely in a title or a name), and merged with the walk's.
 * 3. Otherwise (a rare word, a page the walk cannot fill, too many lower-tier matches): every match through the GIN
 *    index of lexemes and their beginnings (migration 023), ranked and counted (up to RANK_LIMIT), the query in an
 *    initplan so the planner takes the index.
 *
 * The total of a search answered by the walk is the matches it saw: a lower bound ("600+") unless it saw them all.
 */
export class PostgresWorkSearch implements WorkSearch {
  /** `columns`: the select list of a work (WorkRepository's), read under its camelCase names. */
  constructor(
    private readonly db: Queryable,
    private readonly columns: string,
  ) {}

  search(query: WorkQuery): Promise<WorkPage> {
    return query.words.length ? this.words(query) : this.browse(query);
  }

  /** The listing by title walks a (…, title, id) index to the page's ids only, then reads 24 rows; counting stops at a cap. */
  private async browse(search: WorkQuery): Promise<WorkPage> {
    const { where, params } = whereOf(search);
    const n = params.length;
    // Sequential on purpose: `db` may be a single client (PGlite, a transaction), which cannot run two at once.
    const page = await this.db.query<CollectionWork>(
      `SELECT ${this.columns} FROM collection_works JOIN (
         SELECT id AS page_id FROM collection_works WHERE ${where} ORDER BY title, id LIMIT $${n + 1} OFFSET $${n + 2}
       ) AS page ON page.page_id = collection_works.id ORDER BY title, id`,
      [...params, search.limit, search.offset],
    );
    // Counting 100,000 works costs more than finding 24 of them: counting stops at a cap, and the page says so.
    const cap = Math.max(COUNT_CAP, search.offset + search.limit * 5);
    const total = await this.db.query<{ total: string }>(
      `SELECT count(*) AS total FROM (SELECT 1 FROM collection_works WHERE ${where} LIMIT $${n + 1}) AS hits`,
      [...params, cap + 1],
    );
    const counted = Number(total.rows[0]?.total ?? 0);
    return { works: page.rows, total: Math.min(counted, cap), totalIsLowerBound: counted > cap };
  }

  private async words(search: WorkQuery): Promise<WorkPage> {
    const k = search.offset + search.limit;
    const first = Math.min(SEARCH_WINDOW_MAX, Math.max(SEARCH_WINDOW, k * 8));
    let walked = await this.walk(search, first, k);
    if (!pageFrom(walked, k).exact && !walked.complete) {
      // A longer walk, sized from what the first one met: enough for the page from the lowest tier that can fill it.
      const longer = longerWalk(walked, k);
      if (longer) walked = await this.walk(search, longer, k);
    }
    let { hits, matched: total } = walked;
    let lowerBound = !walked.complete;
    const open = pageFrom(walked, k);
    if (!open.exact) {
      const lower = open.needs ? await this.lowerTiers(search, open.needs) : null;
      if (lower) {
        const seen = new Set(hits.map((h) => h.id));
        hits = [...hits, ...lower.filter((h) => !seen.has(h.id))].sort(byRank);
        total = Math.max(total, hits.length);
      } else {
        const ranked = await this.rankAll(search, k);
        hits = ranked.hits;
        total = Math.min(ranked.counted, RANK_LIMIT);
        lowerBound = ranked.counted > RANK_LIMIT;
      }
    }
    const ids = hits.slice(search.offset, k).map((h) => h.id);
    return { works: await this.rows(ids), total, totalIsLowerBound: lowerBound };
  }

  /** Step 1: the first `window` visible works in rank order, filtered, matched and tiered; the first `k` hits. */
  private async walk(search: WorkQuery, window: number, k: number): Promise<Walked> {
    const { filters, params } = whereOf(search);
    const n = params.length;
    // The walk is of every visible work, the filters applied within it: an index walk with no filter is a plan the
    // planner cannot get wrong (with filters it may sort every work that passes them, 300 ms at 100k).
    const text = `WITH ${QUERIES(`$${n + 1}`)},
       hits AS MATERIALIZED (
         SELECT win.id, win.search_rank AS rank, ${TIER('win.')} AS tier
         FROM (SELECT id, search_rank, search, search_title, search_creator, institution, licence_family, date_start, date_end, iiif_service
               FROM collection_works WHERE ${VISIBLE} ORDER BY search_rank, id COLLATE "C" LIMIT $${n + 2}) AS win, q
         WHERE ${filters} AND win.search @@ q.pre)
       SELECT c.matched, c.scanned, c.tiers, h.id, h.rank, h.tier
       FROM (SELECT (SELECT count(*) FROM hits) AS matched,
                    (SELECT count(*) FROM (SELECT 1 FROM collection_works WHERE ${VISIBLE} ORDER BY search_rank, id COLLATE "C" LIMIT $${n + 2}) AS w) AS scanned,
                    (SELECT array[count(*) FILTER (WHERE tier = 0), count(*) FILTER (WHERE tier = 1), count(*) FILTER (WHERE tier = 2),
                            count(*) FILTER (WHERE tier = 3)] FROM hits) AS tiers) AS c
       LEFT JOIN LATERAL (SELECT * FROM hits ORDER BY ${RANKED} LIMIT $${n + 3}) AS h ON true`;
    const { rows } = await this.db.query<{ matched: string; scanned: string; tiers: string[] } & Partial<Hit>>(
      preparedQuery(this.db as pg.Pool, namedWalk(text), [...params, search.words, window, k]),
    );
    const scanned = Number(rows[0]?.scanned ?? 0);
    const tiers = (rows[0]?.tiers ?? []).map(Number);
    return { hits: hitsOf(rows), matched: Number(rows[0]?.matched ?? 0), scanned, tiers, complete: scanned < window };
  }

  /**
   * Step 2: every match of a tier below `below`, through the small title and creator indexes: whole title words (tier 0),
   * title prefixes too (1), the creator too (2). Null when there are more than TITLE_MATCHES_MAX of them.
   */
  private async lowerTiers(search: WorkQuery, below: Tier): Promise<Hit[] | null> {
    const { where, params } = whereOf(search);
    const n = params.length;
    const of = [
      'w.search_title @@ (SELECT exact FROM q)',
      ...(below >= 2 ? ['w.search_title @@ (SELECT pre FROM q)'] : []),
      ...(below >= 3 ? ['w.search_creator @@ (SELECT pre FROM q)'] : []),
    ];
    // One index each (a BitmapOr), the query in an initplan so the planner always takes them.
    const { rows } = await this.db.query<Hit>(
      `WITH ${QUERIES(`$${n + 1}`)}
       SELECT w.id, w.search_rank AS rank, ${TIER('w.')} AS tier
       FROM collection_works w, q WHERE ${where} AND (${of.join(' OR ')})
       ORDER BY ${RANKED} LIMIT $${n + 2}`,
      [...params, search.words, TITLE_MATCHES_MAX + 1],
    );
    return rows.length > TITLE_MATCHES_MAX ? null : rows.map((r) => ({ id: r.id, rank: Number(r.rank), tier: Number(r.tier) }));
  }

  /**
   * Step 3: every match through the GIN index of lexemes and their beginnings, ranked and counted up to RANK_LIMIT. Not
   * the index on `search`: there a prefix is a partial match, read whole into a bitmap before the words are ANDed
   * (two common words in no work together: 95 ms at a million works, and lossy past work_mem).
   */
  private async rankAll(search: WorkQuery, k: number): Promise<{ hits: Hit[]; counted: number }> {
    const { where, params } = whereOf(search);
    const n = params.length;
    const { rows } = await this.db.query<{ counted: string } & Partial<Hit>>(
      `WITH ${PREFIXED_QUERIES(`$${n + 1}`)},
       hits AS MATERIALIZED (
         SELECT w.id, w.search_rank AS rank, ${TIER('w.')} AS tier FROM collection_works w, q
         WHERE ${where} AND atelier_prefixes(w.search) @@ (SELECT prefixed FROM q) LIMIT $${n + 2})
       SELECT c.counted, h.id, h.rank, h.tier
       FROM (SELECT count(*) AS counted FROM hits) AS c
       LEFT JOIN LATERAL (SELECT * FROM hits ORDER BY ${RANKED} LIMIT $${n + 3}) AS h ON true`,
      [...params, search.words, RANK_LIMIT + 1, k],
    );
    return { hits: hitsOf(rows), counted: Number(rows[0]?.counted ?? 0) };
  }

  /** The page's works, in the page's order. */
  private async rows(ids: string[]): Promise<CollectionWork[]> {
    if (!ids.length) return [];
    const { rows } = await this.db.query<CollectionWork>(`SELECT ${this.columns} FROM collection_works WHERE id = ANY($1::text[])`, [ids]);
    const byId = new Map(rows.map((w) => [w.id, w]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}

function hitsOf(rows: Partial<Hit>[]): Hit[] {
  return rows.flatMap((r) => (r.id === undefined || r.id === null ? [] : [{ id: r.id, rank: Number(r.rank), tier: Number(r.tier) }]));
}

/**
 * The filters of a search as a WHERE clause on `collection_works` (`where`: visible works only; `filters`: the
 * visitor's alone), with its parameters (always bound, never spliced). Words are matched by the caller. One institution or licence family is an equality, so the
 * (…, title, id) index gives the order.
 */
export function whereOf(s: WorkQuery): { where: string; filters: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const parts: string[] = [];
  const oneOrAny = (column: string, values: string[]) =>
    values.length === 1 ? `${column} = ${bind(values[0])}` : `${column} = ANY(${bind(values)}::text[])`;
  if (s.institutions?.length) parts.push(oneOrAny('institution', s.institutions));
  if (s.families?.length) parts.push(oneOrAny('licence_family', s.families));
  if (s.from !== undefined) parts.push(`coalesce(date_end, date_start) >= ${bind(s.from)}::int`);
  if (s.to !== undefined) parts.push(`coalesce(date_start, date_end) <= ${bind(s.to)}::int`);
  if (s.iiif !== undefined) parts.push(s.iiif ? `iiif_service IS NOT NULL` : `iiif_service IS NULL`);
  return { where: [VISIBLE, ...parts].join(' AND '), filters: parts.length ? parts.join(' AND ') : 'true', params };
}
