import type pg from 'pg';
import type { OpenCallInput, OpenCallPhase, OpenCallScore } from '@atelier/contracts/open-call.schema';
import type { OpenCallRecord, OpenCallStore, ScoreRecord, SubmissionRecord } from '../services/open-call.service';

const SELECT = `SELECT id::text, theme_en, theme_nl, brief_en, brief_nl, opens_on::text AS opens_on, closes_on::text AS closes_on,
       categories, public_vote, phase FROM open_calls`;
interface Row {
  id: string;
  theme_en: string;
  theme_nl: string;
  brief_en: string;
  brief_nl: string;
  opens_on: string | null;
  closes_on: string | null;
  categories: string[];
  public_vote: boolean;
  phase: OpenCallPhase;
}
const toRecord = (r: Row): OpenCallRecord => ({
  id: r.id,
  theme: { en: r.theme_en, nl: r.theme_nl },
  brief: { en: r.brief_en, nl: r.brief_nl },
  opensOn: r.opens_on,
  closesOn: r.closes_on,
  categories: r.categories,
  publicVote: r.public_vote,
  phase: r.phase,
});

/** open_calls and their submissions, scores and votes (migration 019). */
export class OpenCallRepository implements OpenCallStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(id: string, i: OpenCallInput): Promise<OpenCallRecord> {
    await this.pool.query(
      `INSERT INTO open_calls (id, theme_en, theme_nl, brief_en, brief_nl, opens_on, closes_on, categories, public_vote)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, i.theme.en, i.theme.nl, i.brief.en, i.brief.nl, i.opensOn, i.closesOn, i.categories, i.publicVote],
    );
    return (await this.find(id))!;
  }
  async find(id: string): Promise<OpenCallRecord | null> {
    const { rows } = await this.pool.query<Row>(`${SELECT} WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }
  async list(): Promise<OpenCallRecord[]> {
    return (await this.pool.query<Row>(`${SELECT} ORDER BY created_at DESC, id`)).rows.map(toRecord);
  }
  async setPhase(id: string, phase: OpenCallPhase): Promise<void> {
    await this.pool.query('UPDATE open_calls SET phase = $2, updated_at = now() WHERE id = $1', [id, phase]);
  }
  async submit(callId: string, creationId: string, category: string | null): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO open_call_submissions (call_id, creation_id, category) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [callId, creationId, category],
    );
    return rowCount === 1;
  }
  async submissions(callId: string): Promise<SubmissionRecord[]> {
    const { rows } = await this.pool.query<SubmissionRecord>(
      `SELECT creation_id::text AS "creationId", category, shortlisted FROM open_call_submissions WHERE call_id = $1 ORDER BY created_at, creation_id`,
      [callId],
    );
    return rows;
  }
  async score(callId: string, creationId: string, staffId: string, s: OpenCallScore): Promise<void> {
    await this.pool.query(
      `INSERT INTO open_call_scores (call_id, creation_id, staff_id, originality, craft, theme) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (call_id, creation_id, staff_id) DO UPDATE SET originality = $4, craft = $5, theme = $6, updated_at = now()`,
      [callId, creationId, staffId, s.originality, s.craft, s.theme],
    );
  }
  async scores(callId: string): Promise<ScoreRecord[]> {
    const { rows } = await this.pool.query<ScoreRecord>(
      `SELECT creation_id::text AS "creationId", staff_id::text AS "staffId", originality, craft, theme FROM open_call_scores WHERE call_id = $1`,
      [callId],
    );
    return rows;
  }
  async setShortlist(callId: string, creationIds: readonly string[]): Promise<void> {
    await this.pool.query('UPDATE open_call_submissions SET shortlisted = (creation_id = ANY($2::uuid[])) WHERE call_id = $1', [callId, creationIds]);
  }
  async vote(callId: string, voterKey: string, creationId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO open_call_votes (call_id, voter_key, creation_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [callId, voterKey, creationId],
    );
    return rowCount === 1;
  }
  async voteOf(callId: string, voterKey: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT creation_id::text AS id FROM open_call_votes WHERE call_id = $1 AND voter_key = $2', [callId, voterKey]);
    return rows[0]?.id ?? null;
  }
  async voteCounts(callId: string): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ id: string; n: number }>(
      'SELECT creation_id::text AS id, count(*)::int AS n FROM open_call_votes WHERE call_id = $1 GROUP BY creation_id',
      [callId],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }
}
