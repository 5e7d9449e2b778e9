import type pg from 'pg';
import type { SubmissionState } from '@atelier/contracts/workshop.schema';
import { withTransaction } from '../db/database';
import type { NewPupil, NewWorkshop, PupilRecord, SubmissionRecord, WorkshopForgotten, WorkshopRecord, WorkshopStore } from '../services/workshop';

/** workshops, workshop_pupils, workshop_submissions (migration 014) and workshop_drafts (020). */

const WORKSHOP = `w.id, w.educator_id AS "educatorId", a.username AS "educatorUsername", w.title, w.lang, w.starts_at AS "startsAt",
  w.ends_at AS "endsAt", w.brief, w.assignment, w.tools, w.may_draw AS "mayDraw", w.may_search AS "maySearch",
  w.publish_rule AS "publishRule", w.join_code AS "joinCode", w.locked, w.ended_at AS "endedAt",
  w.retention_days AS "retentionDays", w.forgotten_at AS "forgottenAt", w.created_at AS "createdAt"`;
const FROM_WORKSHOP = 'FROM workshops w JOIN staff_accounts a ON a.id = w.educator_id';

const PUPIL = `id, workshop_id AS "workshopId", json_build_object('nl', pseudonym_nl, 'en', pseudonym_en) AS pseudonym,
  joined_at AS "joinedAt", removed_at AS "removedAt"`;

const SUBMISSION = `id, request_id AS "requestId", workshop_id AS "workshopId", pupil_id AS "pupilId",
  json_build_object('nl', pseudonym_nl, 'en', pseudonym_en) AS pseudonym, title, credit_line AS "creditLine",
  image_keys AS "imageKeys", creation, state, comment, decided_by AS "decidedBy", public_creation_id AS "publicCreationId",
  created_at AS "createdAt", decided_at AS "decidedAt"`;

type Row = Record<string, unknown>;
/** jsonb comes back with ISO strings: the stored creation's dates are Dates again. */
const toSubmission = (r: Row): SubmissionRecord => {
  const s = r as unknown as SubmissionRecord;
  return { ...s, creation: { ...s.creation, createdAt: new Date(s.creation.createdAt as unknown as string) } };
};
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export class WorkshopRepository implements WorkshopStore {
  constructor(private readonly pool: pg.Pool) {}

  async createWorkshop(w: NewWorkshop): Promise<WorkshopRecord> {
    await this.pool.query(
      `INSERT INTO workshops (id, educator_id, title, lang, starts_at, ends_at, brief, assignment, tools, may_draw, may_search,
         publish_rule, join_code, retention_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [w.id, w.educatorId, w.title, w.lang, w.startsAt, w.endsAt, JSON.stringify(w.brief), JSON.stringify(w.assignment), w.tools,
        w.mayDraw, w.maySearch, w.publishRule, w.joinCode, w.retentionDays],
    );
    return (await this.findWorkshop(w.id))!;
  }

  async findWorkshop(id: string): Promise<WorkshopRecord | null> {
    const { rows } = await this.pool.query<WorkshopRecord>(`SELECT ${WORKSHOP} ${FROM_WORKSHOP} WHERE w.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findByJoinCode(code: string): Promise<WorkshopRecord | null> {
    const { rows } = await this.pool.query<WorkshopRecord>(`SELECT ${WORKSHOP} ${FROM_WORKSHOP} WHERE w.join_code = $1`, [code]);
    return rows[0] ?? null;
  }

  async listWorkshops(educatorId: string | null): Promise<WorkshopRecord[]> {
    const { rows } = await this.pool.query<WorkshopRecord>(
      `SELECT ${WORKSHOP} ${FROM_WORKSHOP} WHERE $1::uuid IS NULL OR w.educator_id = $1 ORDER BY w.starts_at DESC, w.id LIMIT 200`,
      [educatorId],
    );
    return rows;
  }

  async setLocked(id: string, locked: boolean): Promise<void> {
    await this.pool.query('UPDATE workshops SET locked = $2 WHERE id = $1', [id, locked]);
  }

  async end(id: string, at: Date): Promise<void> {
    await this.pool.query('UPDATE workshops SET ended_at = coalesce(ended_at, $2) WHERE id = $1', [id, at]);
  }

  async addPupil(p: NewPupil): Promise<PupilRecord | null> {
    try {
      const { rows } = await this.pool.query<PupilRecord>(
        `INSERT INTO workshop_pupils (id, workshop_id, pseudonym_nl, pseudonym_en, rejoin_hash, takehome_hash)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${PUPIL}`,
        [p.id, p.workshopId, p.pseudonym.nl, p.pseudonym.en, p.rejoinHash, p.takeHomeToken],
      );
      return rows[0]!;
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  async findPupil(id: string): Promise<PupilRecord | null> {
    const { rows } = await this.pool.query<PupilRecord>(`SELECT ${PUPIL} FROM workshop_pupils WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findPupilByRejoin(workshopId: string, rejoinHash: string): Promise<PupilRecord | null> {
    const { rows } = await this.pool.query<PupilRecord>(`SELECT ${PUPIL} FROM workshop_pupils WHERE workshop_id = $1 AND rejoin_hash = $2`, [
      workshopId,
      rejoinHash,
    ]);
    return rows[0] ?? null;
  }

  async findPupilByTakeHome(token: string): Promise<PupilRecord | null> {
    const { rows } = await this.pool.query<PupilRecord>(`SELECT ${PUPIL} FROM workshop_pupils WHERE takehome_hash = $1`, [token]);
    return rows[0] ?? null;
  }

  async listPupils(workshopId: string): Promise<PupilRecord[]> {
    const { rows } = await this.pool.query<PupilRecord>(`SELECT ${PUPIL} FROM workshop_pupils WHERE workshop_id = $1 ORDER BY joined_at, id`, [
      workshopId,
    ]);
    return rows;
  }

  async removePupil(workshopId: string, pupilId: string): Promise<boolean> {
    const res = await this.pool.query('UPDATE workshop_pupils SET removed_at = coalesce(removed_at, now()) WHERE workshop_id = $1 AND id = $2', [
      workshopId,
      pupilId,
    ]);
    return (res.rowCount ?? 0) > 0;
  }

  async findSubmissionByRequestId(requestId: string): Promise<SubmissionRecord | null> {
    const { rows } = await this.pool.query(`SELECT ${SUBMISSION} FROM workshop_submissions WHERE request_id = $1`, [requestId]);
    return rows[0] ? toSubmission(rows[0]) : null;
  }

  async insertSubmission(
    s: Omit<SubmissionRecord, 'state' | 'comment' | 'decidedBy' | 'publicCreationId' | 'decidedAt'>,
  ): Promise<{ inserted: boolean; submission: SubmissionRecord }> {
    const { rows } = await this.pool.query(
      `INSERT INTO workshop_submissions (id, request_id, workshop_id, pupil_id, pseudonym_nl, pseudonym_en, title, credit_line,
         image_keys, creation, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (request_id) DO NOTHING RETURNING ${SUBMISSION}`,
      [s.id, s.requestId, s.workshopId, s.pupilId, s.pseudonym.nl, s.pseudonym.en, s.title, s.creditLine, JSON.stringify(s.imageKeys),
        JSON.stringify(s.creation), s.createdAt],
    );
    if (rows[0]) return { inserted: true, submission: toSubmission(rows[0]) };
    const existing = await this.findSubmissionByRequestId(s.requestId);
    if (!existing) throw new Error(`submission for request ${s.requestId} conflicted but cannot be read`);
    return { inserted: false, submission: existing };
  }

  async findSubmission(id: string): Promise<SubmissionRecord | null> {
    const { rows } = await this.pool.query(`SELECT ${SUBMISSION} FROM workshop_submissions WHERE id = $1`, [id]);
    return rows[0] ? toSubmission(rows[0]) : null;
  }

  async listSubmissions(workshopId: string, filter: { states?: SubmissionState[]; pupilId?: string } = {}): Promise<SubmissionRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT ${SUBMISSION} FROM workshop_submissions
        WHERE workshop_id = $1 AND ($2::text[] IS NULL OR state = ANY($2)) AND ($3::uuid IS NULL OR pupil_id = $3)
        ORDER BY created_at, id LIMIT 1000`,
      [workshopId, filter.states ?? null, filter.pupilId ?? null],
    );
    return rows.map(toSubmission);
  }

  async decide(
    id: string,
    decide: (current: SubmissionRecord) => { state: SubmissionState; comment: string | null; decidedBy: string },
  ): Promise<SubmissionRecord> {
    return withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query(`SELECT ${SUBMISSION} FROM workshop_submissions WHERE id = $1 FOR UPDATE`, [id]);
      if (!rows[0]) throw new Error(`submission ${id} vanished`);
      const next = decide(toSubmission(rows[0]));
      const updated = await tx.query(
        `UPDATE workshop_submissions SET state = $2, comment = $3, decided_by = $4, decided_at = now() WHERE id = $1 RETURNING ${SUBMISSION}`,
        [id, next.state, next.comment, next.decidedBy],
      );
      return toSubmission(updated.rows[0]!);
    });
  }

  async setPublicCreation(id: string, creationId: string): Promise<void> {
    await this.pool.query('UPDATE workshop_submissions SET public_creation_id = $2 WHERE id = $1', [id, creationId]);
  }

  async originsOf(creationIds: string[]): Promise<Map<string, { workshopTitle: string; approvedBy: string }>> {
    if (!creationIds.length) return new Map();
    const { rows } = await this.pool.query<{ id: string; workshopTitle: string; approvedBy: string }>(
      `SELECT s.public_creation_id AS id, w.title AS "workshopTitle", a.username AS "approvedBy"
         FROM workshop_submissions s JOIN workshops w ON w.id = s.workshop_id JOIN staff_accounts a ON a.id = s.decided_by
        WHERE s.public_creation_id = ANY($1::uuid[])`,
      [creationIds],
    );
    return new Map(rows.map((r) => [r.id, { workshopTitle: r.workshopTitle, approvedBy: r.approvedBy }]));
  }

  async dueForForgetting(now: Date): Promise<WorkshopRecord[]> {
    const { rows } = await this.pool.query<WorkshopRecord>(
      `SELECT ${WORKSHOP} ${FROM_WORKSHOP}
        WHERE w.forgotten_at IS NULL
          AND least(coalesce(w.ended_at, w.ends_at), w.ends_at) + make_interval(days => w.retention_days) <= $1
        ORDER BY w.ends_at LIMIT 100`,
      [now],
    );
    return rows;
  }

  async keepDraft(workshopId: string, draftCodeHash: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO workshop_drafts (draft_id, workshop_id) SELECT id, $1 FROM drafts WHERE code_hash = $2 ON CONFLICT DO NOTHING',
      [workshopId, draftCodeHash],
    );
  }

  async forget(workshopId: string, now: Date): Promise<WorkshopForgotten> {
    return withTransaction(this.pool, async (tx) => {
      const drafts = await tx.query<{ remixes: { imageKey: string }[] }>(
        `DELETE FROM drafts d USING workshop_drafts l WHERE l.draft_id = d.id AND l.workshop_id = $1 RETURNING d.remixes`,
        [workshopId],
      );
      const gone = await tx.query<{ imageKeys: Record<string, string> }>(
        `DELETE FROM workshop_submissions WHERE workshop_id = $1 AND state <> 'approved' RETURNING image_keys AS "imageKeys"`,
        [workshopId],
      );
      const pupils = await tx.query('DELETE FROM workshop_pupils WHERE workshop_id = $1', [workshopId]);
      // Approved work keeps its pseudonym, not the keyed hash of the session that sent it.
      await tx.query(`UPDATE workshop_submissions SET creation = creation - 'visitorKey' WHERE workshop_id = $1`, [workshopId]);
      await tx.query('UPDATE workshops SET forgotten_at = $2, join_code = NULL WHERE id = $1', [workshopId, now]);
      return {
        imageKeys: [...gone.rows.flatMap((r) => Object.values(r.imageKeys)), ...drafts.rows.flatMap((r) => r.remixes.map((c) => c.imageKey))],
        pupils: pupils.rowCount ?? 0,
        submissions: gone.rowCount ?? 0,
        drafts: drafts.rowCount ?? 0,
      };
    });
  }
}
