import type pg from 'pg';
import { parseCanvasDocument, type CanvasDocument } from '@atelier/contracts/canvas.schema';
import {
  creationCredentialsSchema,
  creationSafetySchema,
  PROVENANCE_SCHEMA_VERSION,
  provenanceSchema,
  type CreationStatus,
} from '@atelier/contracts/creation.schema';
import { pseudonymSchema } from '@atelier/contracts/workshop.schema';
import { selectList } from '../db/columns';
import { preparedQuery, withTransaction, type Queryable } from '../db/database';
import type { CreationRecord, CreationSummaryRecord, NewCreation } from '../services/creation';
import type { CreationOrder, CreationReader, VisitorCreation, VisitorCreationReader } from '../services/creation.service';
import { PendingCapError, type CreationWriter, type InsertLimits } from '../services/publish.service';
import { readProvenance } from '../services/provenance';
import type { CreationIds } from '../services/storage-sweeper';

const COLUMNS = selectList([
  'id', 'request_id', 'title', 'alt_text', 'licence_id', 'licence_uri', 'credit_line', 'status', 'width', 'height',
  'image_sha256', 'image_keys', 'provenance', 'safety', 'created_at', 'decided_at', 'visitor_key', 'credentials',
  'maker',
]);

const ORDER_BY: Record<CreationOrder, string> = {
  newest: 'created_at DESC, id DESC',
  oldest: 'created_at ASC, id ASC',
  'flagged-first': 'safety_flagged DESC, created_at ASC, id ASC',
};

/** The provenance a card reads, checked with the contract's own parts of the record. */
const creditProvenanceSchema = provenanceSchema.pick({ createdAt: true, ingredients: true, actions: true, licence: true });
const CARD_PROVENANCE_KEYS: readonly string[] = ['schemaVersion', ...Object.keys(creditProvenanceSchema.shape)];
// Left out with one `-`: the record is stored compressed, and each `->` would decompress it again (5 per row).
const notOnACard = Object.keys(provenanceSchema.shape).filter((k) => !CARD_PROVENANCE_KEYS.includes(k));
const sqlTextArray = (values: readonly string[]) => `'{${values.map((v) => `"${v}"`).join(',')}}'::text[]`;

/**
 * A card's columns (`CreationSummaryRecord`): of the provenance record only what its credits are built from, and its
 * version (a record of an older version is read whole, and brought up to date, on its own).
 */
const SUMMARY_COLUMNS = `${selectList(['id', 'title', 'alt_text', 'licence_id', 'licence_uri', 'status', 'width', 'height', 'created_at', 'decided_at', 'maker'])},
  provenance - ${sqlTextArray(notOnACard)} AS provenance`;

/**
 * The SQL of a gallery page: approved creations as cards (bench:gallery runs the same text on a bare route). The page's
 * ids come from the (status, created_at DESC, id DESC) index alone (migration 013), so a deep OFFSET reads no rows.
 */
export const CREATION_SUMMARY_PAGE_SQL = `SELECT ${SUMMARY_COLUMNS} FROM creations
  JOIN (SELECT id AS page_id FROM creations WHERE status = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3) AS page ON page.page_id = creations.id
  ORDER BY created_at DESC, id DESC`;

/** The SQL of a page of creations in one status, whole (moderation, IIIF). */
export const CREATION_PAGE_SQL = (order: CreationOrder) => `SELECT ${COLUMNS} FROM creations WHERE status = $1 ORDER BY ${ORDER_BY[order]} LIMIT $2 OFFSET $3`;
export const CREATION_COUNT_SQL = 'SELECT count(*)::int AS n FROM creations WHERE status = $1';
// Named where the database allows (db/database.ts `preparedQuery`), so each connection plans them once: planning the
// page took as long as running it (issue 16 item 7).
export const CREATION_SUMMARY_PAGE_QUERY = { name: 'creation-summary-page', text: CREATION_SUMMARY_PAGE_SQL } as const;
export const CREATION_COUNT_QUERY = { name: 'creation-count', text: CREATION_COUNT_SQL } as const;

/** A row as stored: its documents are read back through their schemas, never trusted as they lie. */
type CreationRow = Omit<CreationRecord, 'provenance' | 'safety' | 'credentials' | 'maker'> & { provenance: unknown; safety: unknown; credentials: unknown; maker: unknown };

function toRecord(row: CreationRow): CreationRecord {
  return {
    ...row,
    provenance: readProvenance(row.provenance),
    safety: row.safety === null ? null : creationSafetySchema.parse(row.safety),
    credentials: row.credentials === null ? null : creationCredentialsSchema.parse(row.credentials),
    maker: makerOf(row.maker),
  };
}

/** The maker's pseudonym as stored (jsonb, migration 022), read through its schema; null before pseudonyms. */
const makerOf = (maker: unknown) => (maker === null || maker === undefined ? null : pseudonymSchema.parse(maker));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class CreationRepository implements CreationReader, VisitorCreationReader, CreationWriter, CreationIds {
  constructor(private readonly pool: pg.Pool) {}

  async existingIds(ids: string[]): Promise<Set<string>> {
    const uuids = ids.filter((id) => UUID.test(id));
    if (!uuids.length) return new Set();
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM creations WHERE id = ANY($1::uuid[])', [uuids]);
    const found = new Set(rows.map((r) => r.id.toLowerCase()));
    return new Set(uuids.filter((id) => found.has(id.toLowerCase())));
  }

  async findById(id: string, db: Queryable = this.pool): Promise<CreationRecord | null> {
    const { rows } = await db.query<CreationRow>(`SELECT ${COLUMNS} FROM creations WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The creation whose full image, as served, has this sha256 (or, unsigned, whose clean PNG has it). */
  async findByFileSha256(sha256: string): Promise<CreationRecord | null> {
    const { rows } = await this.pool.query<CreationRow>(
      `SELECT ${COLUMNS} FROM creations WHERE credentials ->> 'fileSha256' = $1 OR image_sha256 = $1 ORDER BY created_at LIMIT 1`,
      [sha256],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The creation's canvas document; persisted and reopened months later, so migrated and parsed on every load. */
  async documentOf(id: string): Promise<CanvasDocument | null> {
    if (!UUID.test(id)) return null;
    const { rows } = await this.pool.query<{ document: unknown }>('SELECT document FROM creations WHERE id = $1', [id]);
    return rows[0] ? parseCanvasDocument(rows[0].document) : null;
  }

  async findByRequestId(requestId: string, db: Queryable = this.pool): Promise<CreationRecord | null> {
    const { rows } = await db.query<CreationRow>(`SELECT ${COLUMNS} FROM creations WHERE request_id = $1`, [requestId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listByStatus(
    status: CreationStatus,
    order: CreationOrder,
    limit: number,
    offset: number,
  ): Promise<{ items: CreationRecord[]; total: number }> {
    const [page, count] = await Promise.all([
      this.pool.query<CreationRow>(CREATION_PAGE_SQL(order), [status, limit, offset]),
      this.pool.query<{ n: number }>(CREATION_COUNT_SQL, [status]),
    ]);
    return { items: page.rows.map(toRecord), total: count.rows[0]?.n ?? 0 };
  }

  /** A page of creations in one status, newest first, as cards (the public gallery). */
  async listSummaries(status: CreationStatus, limit: number, offset: number): Promise<{ items: CreationSummaryRecord[]; total: number }> {
    const [page, count] = await Promise.all([
      this.pool.query<Omit<CreationSummaryRecord, 'provenance'> & { provenance: { schemaVersion: unknown } }>(preparedQuery(this.pool, CREATION_SUMMARY_PAGE_QUERY, [status, limit, offset])),
      this.pool.query<{ n: number }>(preparedQuery(this.pool, CREATION_COUNT_QUERY, [status])),
    ]);
    const older = page.rows.filter((r) => r.provenance.schemaVersion !== PROVENANCE_SCHEMA_VERSION).map((r) => r.id);
    const whole = older.length
      ? new Map(
          (await this.pool.query<{ id: string; provenance: unknown }>('SELECT id, provenance FROM creations WHERE id = ANY($1::uuid[])', [older])).rows.map(
            (r) => [r.id, readProvenance(r.provenance)],
          ),
        )
      : null;
    const items = page.rows.map((r) => ({ ...r, provenance: whole?.get(r.id) ?? creditProvenanceSchema.parse(r.provenance), maker: makerOf(r.maker) }));
    return { items, total: count.rows[0]?.n ?? 0 };
  }

  async listOfVisitor(visitorKey: string, limit: number, offset: number): Promise<{ items: VisitorCreation[]; total: number }> {
    // A decision is final, so a rejected creation has one reject event: its reason is the moderator's.
    const [page, count] = await Promise.all([
      this.pool.query<CreationRow & { rejectionReason: string | null }>(
        `SELECT ${COLUMNS},
                (SELECT e.reason FROM moderation_events e
                  WHERE e.creation_id = creations.id AND e.decision = 'reject' ORDER BY e.id DESC LIMIT 1) AS "rejectionReason"
           FROM creations WHERE visitor_key = $1 ORDER BY ${ORDER_BY.newest} LIMIT $2 OFFSET $3`,
        [visitorKey, limit, offset],
      ),
      this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM creations WHERE visitor_key = $1', [visitorKey]),
    ]);
    return {
      items: page.rows.map(({ rejectionReason, ...row }) => ({ creation: toRecord(row), rejectionReason })),
      total: count.rows[0]?.n ?? 0,
    };
  }

  async countPendingOf(visitorKey: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM creations WHERE visitor_key = $1 AND status = 'pending'`,
      [visitorKey],
    );
    return rows[0]?.n ?? 0;
  }

  async insert(c: NewCreation, limits: InsertLimits = {}): Promise<{ inserted: boolean; creation: CreationRecord }> {
    return withTransaction(this.pool, async (tx) => {
      if (c.visitorKey && limits.maxPendingPerVisitor) {
        // One publish of a visitor at a time counts and inserts, so simultaneous uploads cannot pass the cap together.
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 10))', [c.visitorKey]);
        const pending = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM creations WHERE visitor_key = $1 AND status = 'pending' AND request_id <> $2`,
          [c.visitorKey, c.requestId],
        );
        if ((pending.rows[0]?.n ?? 0) >= limits.maxPendingPerVisitor) throw new PendingCapError(limits.maxPendingPerVisitor);
      }
      // ON CONFLICT waits for a concurrent insert of the same request_id, so a double click yields one row.
      const { rows } = await tx.query<CreationRow>(
        `INSERT INTO creations (id, request_id, title, alt_text, licence_id, licence_uri, credit_line, status, width, height,
           image_sha256, image_keys, document, provenance, created_at, safety_flagged, safety, visitor_key, credentials, maker)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         ON CONFLICT (request_id) DO NOTHING
         RETURNING ${COLUMNS}`,
        [
          c.id,
          c.requestId,
          c.title,
          c.altText,
          c.licenceId,
          c.licenceUri,
          c.creditLine,
          c.width,
          c.height,
          c.imageSha256,
          JSON.stringify(c.imageKeys),
          JSON.stringify(c.document),
          JSON.stringify(c.provenance),
          c.createdAt,
          c.safety?.flagged ?? false,
          c.safety ? JSON.stringify(c.safety) : null,
          c.visitorKey,
          c.credentials ? JSON.stringify(c.credentials) : null,
          c.maker ? JSON.stringify(c.maker) : null,
        ],
      );
      if (!rows[0]) {
        const existing = await this.findByRequestId(c.requestId, tx);
        if (!existing) throw new Error(`creation for request ${c.requestId} conflicted but cannot be read`);
        return { inserted: false, creation: existing };
      }
      if (c.ingredients.length > 0) {
        await tx.query(
          `INSERT INTO creation_ingredients (creation_id, work_id, role)
           SELECT $1, w.work_id, w.role FROM unnest($2::text[], $3::text[]) AS w(work_id, role)`,
          [c.id, c.ingredients.map((i) => i.workId), c.ingredients.map((i) => i.role)],
        );
      }
      return { inserted: true, creation: toRecord(rows[0]) };
    });
  }
}
