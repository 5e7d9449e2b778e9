import type { Queryable } from '../db/database';
import { camelName, selectList } from '../db/columns';
import type { WorkFacets } from '@atelier/contracts/work.schema';
import type { LicenceFamily } from '@atelier/contracts/licences';
import type { WorkRecord, WorkStore } from '../services/collection-import.service';
import type { CollectionWork, CollectionWorkLookup } from '../services/collection-work';
import type { LicenceCount, WorkPage, WorkReader } from '../services/work.service';
import type { WorkSearch } from '../services/work-search';

/** Written by the importer (every column but the timestamps); read back under their camelCase names. */
const WRITTEN = [
  'id', 'source', 'source_id', 'title', 'titles', 'creator', 'creator_role', 'creator_life', 'date_display', 'date_start', 'date_end', 'medium',
  'description', 'descriptions', 'institution', 'landing_url', 'rights_statement', 'attribution', 'licence_status', 'licence_uri',
  'licence_family', 'licence_label', 'refusal_reason', 'width', 'height', 'iiif_service', 'iiif_region', 'image_url', 'image_sha256',
  'image_keys',
] as const;
/** jsonb columns: written as JSON text, read back parsed by the driver. */
const JSON_COLUMNS: ReadonlySet<string> = new Set(['image_keys', 'titles', 'descriptions', 'iiif_region']);
const COLUMNS = selectList([...WRITTEN, 'created_at', 'updated_at']);
const W_COLUMNS = selectList([...WRITTEN, 'created_at', 'updated_at'], 'w');
/** An import never moves a work to another source or id. */
const UPDATED = WRITTEN.filter((c) => c !== 'id' && c !== 'source' && c !== 'source_id');

/** Listings without words count up to this many works (an exact count of 100,000 is a full scan). */
export const COUNT_CAP = 1000;
/**
 * Word searches rank and count every hit up to this many (~25 ms at 100k works); past it (a one-letter word),
 * the first RANK_LIMIT hits found are ranked and the total is a lower bound.
 */
export const RANK_LIMIT = 25_000;

/** Only these are ever listed or shown: an open licence and images to show. */
const VISIBLE = `licence_status = 'accepted' AND image_sha256 IS NOT NULL`;

export class WorkRepository implements CollectionWorkLookup, WorkStore, WorkReader {
  constructor(private readonly db: Queryable) {}

  async findByIds(ids: string[]): Promise<CollectionWork[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.db.query<CollectionWork>(`SELECT ${COLUMNS} FROM collection_works WHERE id = ANY($1::text[])`, [ids]);
    return rows;
  }

  async findById(id: string): Promise<CollectionWork | null> {
    const { rows } = await this.db.query<CollectionWork>(`SELECT ${COLUMNS} FROM collection_works WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findBySource(source: string, sourceId: string): Promise<CollectionWork | null> {
    const { rows } = await this.db.query<CollectionWork>(
      `SELECT ${COLUMNS} FROM collection_works WHERE source = $1 AND source_id = $2`,
      [source, sourceId],
    );
    return rows[0] ?? null;
  }

  async upsert(w: WorkRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO collection_works (${WRITTEN.join(', ')}) VALUES (${WRITTEN.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (source, source_id) DO UPDATE SET ${UPDATED.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()`,
      WRITTEN.map((c) => {
        const value = w[camelName(c) as keyof WorkRecord];
        return JSON_COLUMNS.has(c) ? (value === null || value === undefined ? (c === 'iiif_region' ? null : '{}') : JSON.stringify(value)) : value;
      }),
    );
  }

  /**
   * Visible works matching words and filters: by relevance when there are words (title > creator > the rest),
   * else by title. Each word matches as a prefix, or by its English or Dutch stem (`atelier_search_query`).
   */
  async listVisible(search: WorkSearch): Promise<WorkPage> {
    return search.words.length ? this.searchVisible(search) : this.browseVisible(search);
  }

  /**
   * Every hit is ranked and counted, up to RANK_LIMIT hits. The query is built inside an initplan on purpose:
   * the planner then cannot fold it into an estimate, and always takes the GIN index instead of weighing a
   * sequential scan (40 ms on its own at 100k works) against a guess.
   */
  private async searchVisible(search: WorkSearch): Promise<WorkPage> {
    const { where, params } = whereOf(search, 'w.');
    const n = params.length;
    const { rows } = await this.db.query<CollectionWork & { total: string }>(
      `WITH q AS MATERIALIZED (SELECT atelier_search_query($${n + 1}::text[]) AS q),
       hits AS MATERIALIZED (
         SELECT w.id, w.title, ts_rank(w.search, (SELECT q FROM q)) AS rank FROM collection_works w
         WHERE ${where} AND w.search @@ (SELECT q FROM q) LIMIT $${n + 4}),
       page AS (SELECT id, rank, title FROM hits ORDER BY rank DESC, title, id LIMIT $${n + 2} OFFSET $${n + 3})
       SELECT ${W_COLUMNS}, (SELECT count(*) FROM hits) AS total
       FROM collection_works w JOIN page ON page.id = w.id ORDER BY page.rank DESC, page.title, page.id`,
      [...params, search.words, search.limit, search.offset, RANK_LIMIT + 1],
    );
    let counted = Number(rows[0]?.total ?? 0);
    if (!rows.length && search.offset > 0) {
      // A page past the end carries no total: count on its own.
      const c = await this.db.query<{ total: string }>(
        `SELECT count(*) AS total FROM (SELECT 1 FROM collection_works w WHERE ${where}
           AND w.search @@ (SELECT atelier_search_query($${n + 1}::text[])) LIMIT $${n + 2}) AS hits`,
        [...params, search.words, RANK_LIMIT + 1],
      );
      counted = Number(c.rows[0]?.total ?? 0);
    }
    const works = rows.map(({ total: _, ...work }) => work);
    return { works, total: Math.min(counted, RANK_LIMIT), totalIsLowerBound: counted > RANK_LIMIT };
  }

  /** The listing by title walks a (…, title, id) index and stops at the page; counting stops at a cap. */
  private async browseVisible(search: WorkSearch): Promise<WorkPage> {
    const { where, params } = whereOf(search, '');
    const n = params.length;
    // Sequential on purpose: `db` may be a single client (PGlite, a transaction), which cannot run two at once.
    const page = await this.db.query<CollectionWork>(
      `SELECT ${COLUMNS} FROM collection_works WHERE ${where} ORDER BY title, id LIMIT $${n + 1} OFFSET $${n + 2}`,
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

  /** Filter options over every visible work: institutions (50 largest), licence families, date span, IIIF count. */
  async facets(): Promise<WorkFacets> {
    const inst = await this.db.query<{ value: string; n: string }>(
      `SELECT institution AS value, count(*) AS n FROM collection_works WHERE ${VISIBLE} AND institution IS NOT NULL
       GROUP BY institution ORDER BY n DESC, institution LIMIT 50`,
    );
    const fam = await this.db.query<{ family: LicenceFamily; n: string }>(
      `SELECT licence_family AS family, count(*) AS n FROM collection_works WHERE ${VISIBLE} GROUP BY licence_family ORDER BY n DESC`,
    );
    const span = await this.db.query<{ min: number | null; max: number | null; iiif: string; total: string }>(
      `SELECT min(date_start) AS min, max(coalesce(date_end, date_start)) AS max,
              count(*) FILTER (WHERE iiif_service IS NOT NULL) AS iiif, count(*) AS total
       FROM collection_works WHERE ${VISIBLE}`,
    );
    const row = span.rows[0];
    return {
      institutions: inst.rows.map((r) => ({ value: r.value, count: Number(r.n) })),
      licences: fam.rows.map((r) => ({ family: r.family, count: Number(r.n) })),
      dates: { min: row?.min ?? null, max: row?.max ?? null },
      iiif: Number(row?.iiif ?? 0),
      total: Number(row?.total ?? 0),
    };
  }

  /** Per source: accepted and refused counts, for `collection status`. */
  async countBySource(): Promise<{ source: string; accepted: number; refused: number }[]> {
    const { rows } = await this.db.query<{ source: string; accepted: string; refused: string }>(
      `SELECT source, count(*) FILTER (WHERE licence_status = 'accepted') AS accepted,
              count(*) FILTER (WHERE licence_status = 'refused') AS refused
       FROM collection_works GROUP BY source ORDER BY source`,
    );
    return rows.map((r) => ({ source: r.source, accepted: Number(r.accepted), refused: Number(r.refused) }));
  }

  async countByLicence(): Promise<LicenceCount[]> {
    const { rows } = await this.db.query<{ licence_status: LicenceCount['status']; licence_family: LicenceCount['family']; n: string }>(
      `SELECT licence_status, licence_family, count(*) AS n FROM collection_works
       GROUP BY licence_status, licence_family ORDER BY licence_status, licence_family NULLS LAST`,
    );
    return rows.map((r) => ({ status: r.licence_status, family: r.licence_family, count: Number(r.n) }));
  }
}

/**
 * The filters of a search as a WHERE clause, with its parameters (always bound, never spliced). Words are matched
 * by the caller. One institution or licence family is an equality, so the (…, title, id) index gives the order.
 */
function whereOf(s: WorkSearch, t: string): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const parts = [`${t}licence_status = 'accepted'`, `${t}image_sha256 IS NOT NULL`];
  const oneOrAny = (column: string, values: string[]) =>
    values.length === 1 ? `${t}${column} = ${bind(values[0])}` : `${t}${column} = ANY(${bind(values)}::text[])`;
  if (s.institutions?.length) parts.push(oneOrAny('institution', s.institutions));
  if (s.families?.length) parts.push(oneOrAny('licence_family', s.families));
  if (s.from !== undefined) parts.push(`coalesce(${t}date_end, ${t}date_start) >= ${bind(s.from)}::int`);
  if (s.to !== undefined) parts.push(`coalesce(${t}date_start, ${t}date_end) <= ${bind(s.to)}::int`);
  if (s.iiif !== undefined) parts.push(s.iiif ? `${t}iiif_service IS NOT NULL` : `${t}iiif_service IS NULL`);
  return { where: parts.join(' AND '), params };
}
