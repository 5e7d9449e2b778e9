import type { Queryable } from '../db/database';
import type { WorkRecord, WorkStore } from '../services/collection-import.service';
import type { CollectionWork, CollectionWorkLookup } from '../services/collection-work';
import type { LicenceCount, WorkPage, WorkReader } from '../services/work.service';

const COLUMNS = `id, source, source_id, title, creator, creator_life, date_display, medium, description, institution,
  landing_url, rights_statement, licence_status, licence_uri, licence_family, licence_label, refusal_reason, credit,
  width, height, image_sha256, image_keys, created_at, updated_at`;

/** Only these are ever listed or shown: an open licence and images to show. */
const VISIBLE = `licence_status = 'accepted' AND image_sha256 IS NOT NULL`;

interface WorkRow {
  id: string;
  source: string;
  source_id: string;
  title: string;
  creator: string | null;
  creator_life: string | null;
  date_display: string | null;
  medium: string | null;
  description: string | null;
  institution: string | null;
  landing_url: string | null;
  rights_statement: string | null;
  licence_status: CollectionWork['licenceStatus'];
  licence_uri: string | null;
  licence_family: CollectionWork['licenceFamily'];
  licence_label: string | null;
  refusal_reason: string | null;
  credit: string | null;
  width: number | null;
  height: number | null;
  image_sha256: string | null;
  image_keys: CollectionWork['imageKeys'];
  created_at: Date;
  updated_at: Date;
}

export class WorkRepository implements CollectionWorkLookup, WorkStore, WorkReader {
  constructor(private readonly db: Queryable) {}

  async findByIds(ids: string[]): Promise<CollectionWork[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.db.query<WorkRow>(`SELECT ${COLUMNS} FROM collection_works WHERE id = ANY($1::text[])`, [ids]);
    return rows.map(toWork);
  }

  async findById(id: string): Promise<CollectionWork | null> {
    const { rows } = await this.db.query<WorkRow>(`SELECT ${COLUMNS} FROM collection_works WHERE id = $1`, [id]);
    return rows[0] ? toWork(rows[0]) : null;
  }

  async findBySource(source: string, sourceId: string): Promise<CollectionWork | null> {
    const { rows } = await this.db.query<WorkRow>(
      `SELECT ${COLUMNS} FROM collection_works WHERE source = $1 AND source_id = $2`,
      [source, sourceId],
    );
    return rows[0] ? toWork(rows[0]) : null;
  }

  async upsert(w: WorkRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO collection_works (id, source, source_id, title, creator, creator_life, date_display, medium,
         description, institution, landing_url, rights_statement, licence_status, licence_uri, licence_family,
         licence_label, refusal_reason, credit, width, height, image_sha256, image_keys)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
       ON CONFLICT (source, source_id) DO UPDATE SET
         title = EXCLUDED.title, creator = EXCLUDED.creator, creator_life = EXCLUDED.creator_life,
         date_display = EXCLUDED.date_display, medium = EXCLUDED.medium, description = EXCLUDED.description,
         institution = EXCLUDED.institution, landing_url = EXCLUDED.landing_url,
         rights_statement = EXCLUDED.rights_statement, licence_status = EXCLUDED.licence_status,
         licence_uri = EXCLUDED.licence_uri, licence_family = EXCLUDED.licence_family,
         licence_label = EXCLUDED.licence_label, refusal_reason = EXCLUDED.refusal_reason, credit = EXCLUDED.credit,
         width = EXCLUDED.width, height = EXCLUDED.height, image_sha256 = EXCLUDED.image_sha256,
         image_keys = EXCLUDED.image_keys, updated_at = now()`,
      [
        w.id, w.source, w.sourceId, w.title, w.creator, w.creatorLife, w.dateDisplay, w.medium, w.description,
        w.institution, w.landingUrl, w.rightsStatement, w.licenceStatus, w.licenceUri, w.licenceFamily,
        w.licenceLabel, w.refusalReason, w.credit, w.width, w.height, w.imageSha256, JSON.stringify(w.imageKeys),
      ],
    );
  }

  /** Visible works by title, or by relevance to a prefix tsquery (`'starry:* & night:*'`) when one is given. */
  async listVisible(opts: { tsQuery: string | null; limit: number; offset: number }): Promise<WorkPage> {
    const match = opts.tsQuery ? `AND search @@ to_tsquery('simple', $1)` : '';
    const order = opts.tsQuery ? `ts_rank(search, to_tsquery('simple', $1)) DESC, title, id` : 'title, id';
    const params = opts.tsQuery ? [opts.tsQuery] : [];
    const n = params.length;
    // Sequential on purpose: `db` may be a single client (PGlite, a transaction), which cannot run two at once.
    const page = await this.db.query<WorkRow>(
      `SELECT ${COLUMNS} FROM collection_works WHERE ${VISIBLE} ${match} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, opts.limit, opts.offset],
    );
    const total = await this.db.query<{ total: string }>(
      `SELECT count(*) AS total FROM collection_works WHERE ${VISIBLE} ${match}`,
      params,
    );
    return { works: page.rows.map(toWork), total: Number(total.rows[0]?.total ?? 0) };
  }

  async countByLicence(): Promise<LicenceCount[]> {
    const { rows } = await this.db.query<{ licence_status: LicenceCount['status']; licence_family: LicenceCount['family']; n: string }>(
      `SELECT licence_status, licence_family, count(*) AS n FROM collection_works
       GROUP BY licence_status, licence_family ORDER BY licence_status, licence_family NULLS LAST`,
    );
    return rows.map((r) => ({ status: r.licence_status, family: r.licence_family, count: Number(r.n) }));
  }
}

function toWork(r: WorkRow): CollectionWork {
  return {
    id: r.id,
    source: r.source,
    sourceId: r.source_id,
    title: r.title,
    creator: r.creator,
    creatorLife: r.creator_life,
    dateDisplay: r.date_display,
    medium: r.medium,
    description: r.description,
    institution: r.institution,
    landingUrl: r.landing_url,
    rightsStatement: r.rights_statement,
    licenceStatus: r.licence_status,
    licenceUri: r.licence_uri,
    licenceFamily: r.licence_family,
    licenceLabel: r.licence_label,
    refusalReason: r.refusal_reason,
    credit: r.credit,
    width: r.width,
    height: r.height,
    imageSha256: r.image_sha256,
    imageKeys: r.image_keys ?? {},
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
