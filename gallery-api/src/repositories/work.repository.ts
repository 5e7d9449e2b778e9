import type { Queryable } from '../db/database';
import { camelName, selectList } from '../db/columns';
import type { WorkFacets } from '@atelier/contracts/work.schema';
import type { LicenceFamily } from '@atelier/contracts/licences';
import type { WorkRecord, WorkStore } from '../services/collection-import.service';
import type { CollectionWork, CollectionWorkLookup } from '../services/collection-work';
import type { LicenceCount, WorkPage, WorkReader } from '../services/work.service';
import type { WorkQuery, WorkSearch } from '../services/work-search';
import { PostgresWorkSearch } from './work-search.postgres';

/** Written by the importer (every column but the timestamps); read back under their camelCase names. */
const WRITTEN = [
  'id', 'source', 'source_id', 'title', 'titles', 'creator', 'creator_role', 'creator_life', 'date_display', 'date_start', 'date_end', 'medium',
  'description', 'descriptions', 'institution', 'landing_url', 'rights_statement', 'attribution', 'licence_status', 'licence_uri',
  'licence_family', 'licence_label', 'refusal_reason', 'width', 'height', 'iiif_service', 'iiif_region', 'image_url', 'image_sha256',
  'image_keys', 'iiif_manifest',
] as const;
/** jsonb columns: written as JSON text, read back parsed by the driver. */
const JSON_COLUMNS: ReadonlySet<string> = new Set(['image_keys', 'titles', 'descriptions', 'iiif_region']);
/** Every column of a work as the repository reads it (bench:collection's bare SQL reads the same). */
export const WORK_COLUMNS = [...WRITTEN, 'created_at', 'updated_at'] as const;
const COLUMNS = selectList(WORK_COLUMNS);
/** An import never moves a work to another source or id. */
const UPDATED = WRITTEN.filter((c) => c !== 'id' && c !== 'source' && c !== 'source_id');

/** Only these are ever listed or shown: an open licence and images to show. */
const VISIBLE = `licence_status = 'accepted' AND image_sha256 IS NOT NULL`;

export class WorkRepository implements CollectionWorkLookup, WorkStore, WorkReader {
  private readonly search: WorkSearch;

  /** `search`: where listings and word searches go; a search engine's `WorkSearch` instead of Postgres is a swap. */
  constructor(
    private readonly db: Queryable,
    search?: WorkSearch,
  ) {
    this.search = search ?? new PostgresWorkSearch(db, COLUMNS);
  }

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

  /** Visible works matching words and filters, a page at a time: the `WorkSearch` port (Postgres by default). */
  listVisible(query: WorkQuery): Promise<WorkPage> {
    return this.search.search(query);
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
