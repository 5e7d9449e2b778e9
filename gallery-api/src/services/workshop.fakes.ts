import type { SubmissionState } from '@atelier/contracts/workshop.schema';
import type { DraftRecord } from './draft.service';
import type { NewPupil, NewWorkshop, PupilRecord, SubmissionRecord, WorkshopForgotten, WorkshopRecord, WorkshopStore } from './workshop';

const DAY_MS = 86_400_000;
const uniqueViolation = () => Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });

type Pupil = PupilRecord & { rejoinHash: string; takeHomeToken: string };

/**
 * WorkshopStore in memory, held to WorkshopRepository by workshop.contract.ts. It reads the educators' names and the
 * drafts as the tables beside `workshops` hold them: a map of staff ids to usernames, and FakeDrafts' rows.
 */
export class FakeWorkshops implements WorkshopStore {
  readonly workshops = new Map<string, Omit<WorkshopRecord, 'educatorUsername'>>();
  readonly pupils = new Map<string, Pupil>();
  readonly submissions = new Map<string, SubmissionRecord>();
  /** draft id → workshop id (the `workshop_drafts` table). */
  readonly draftLinks = new Map<string, string>();

  constructor(
    private readonly staff: ReadonlyMap<string, string>,
    private readonly drafts: Map<string, DraftRecord> = new Map(),
  ) {}

  private withEducator(w: Omit<WorkshopRecord, 'educatorUsername'>): WorkshopRecord {
    return structuredClone({ ...w, educatorUsername: this.staff.get(w.educatorId)! });
  }

  async createWorkshop(w: NewWorkshop): Promise<WorkshopRecord> {
    if (!this.staff.has(w.educatorId)) throw new Error(`no staff account ${w.educatorId}`);
    if ([...this.workshops.values()].some((x) => x.id === w.id || (w.joinCode !== null && x.joinCode === w.joinCode))) throw uniqueViolation();
    this.workshops.set(w.id, { ...structuredClone(w), locked: false, endedAt: null, forgottenAt: null, createdAt: new Date() });
    return (await this.findWorkshop(w.id))!;
  }

  async findWorkshop(id: string): Promise<WorkshopRecord | null> {
    const w = this.workshops.get(id);
    return w ? this.withEducator(w) : null;
  }

  async findByJoinCode(code: string): Promise<WorkshopRecord | null> {
    const w = [...this.workshops.values()].find((x) => x.joinCode === code);
    return w ? this.withEducator(w) : null;
  }

  async listWorkshops(educatorId: string | null): Promise<WorkshopRecord[]> {
    return [...this.workshops.values()]
      .filter((w) => educatorId === null || w.educatorId === educatorId)
      .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime() || a.id.localeCompare(b.id))
      .slice(0, 200)
      .map((w) => this.withEducator(w));
  }

  async setLocked(id: string, locked: boolean): Promise<void> {
    const w = this.workshops.get(id);
    if (w) w.locked = locked;
  }

  async end(id: string, at: Date): Promise<void> {
    const w = this.workshops.get(id);
    if (w) w.endedAt ??= new Date(at);
  }

  async addPupil(p: NewPupil): Promise<PupilRecord | null> {
    const taken = [...this.pupils.values()].some(
      (x) =>
        x.id === p.id ||
        x.takeHomeToken === p.takeHomeToken ||
        (x.workshopId === p.workshopId && (x.pseudonym.en === p.pseudonym.en || x.rejoinHash === p.rejoinHash)),
    );
    if (taken) return null;
    const pupil: Pupil = { id: p.id, workshopId: p.workshopId, pseudonym: { ...p.pseudonym }, joinedAt: new Date(), removedAt: null, rejoinHash: p.rejoinHash, takeHomeToken: p.takeHomeToken };
    this.pupils.set(p.id, pupil);
    return this.pupilRecord(pupil);
  }

  private pupilRecord({ rejoinHash: _r, takeHomeToken: _t, ...p }: Pupil): PupilRecord {
    return structuredClone(p);
  }

  private findPupilBy(match: (p: Pupil) => boolean): PupilRecord | null {
    const p = [...this.pupils.values()].find(match);
    return p ? this.pupilRecord(p) : null;
  }

  async findPupil(id: string): Promise<PupilRecord | null> {
    return this.findPupilBy((p) => p.id === id);
  }

  async findPupilByRejoin(workshopId: string, rejoinHash: string): Promise<PupilRecord | null> {
    return this.findPupilBy((p) => p.workshopId === workshopId && p.rejoinHash === rejoinHash);
  }

  async findPupilByTakeHome(token: string): Promise<PupilRecord | null> {
    return this.findPupilBy((p) => p.takeHomeToken === token);
  }

  async listPupils(workshopId: string): Promise<PupilRecord[]> {
    return [...this.pupils.values()]
      .filter((p) => p.workshopId === workshopId)
      .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.id.localeCompare(b.id))
      .map((p) => this.pupilRecord(p));
  }

  async removePupil(workshopId: string, pupilId: string): Promise<boolean> {
    const p = this.pupils.get(pupilId);
    if (!p || p.workshopId !== workshopId) return false;
    p.removedAt ??= new Date();
    return true;
  }

  async findSubmissionByRequestId(requestId: string): Promise<SubmissionRecord | null> {
    const s = [...this.submissions.values()].find((x) => x.requestId === requestId);
    return s ? structuredClone(s) : null;
  }

  async insertSubmission(
    s: Omit<SubmissionRecord, 'state' | 'comment' | 'decidedBy' | 'publicCreationId' | 'decidedAt'>,
  ): Promise<{ inserted: boolean; submission: SubmissionRecord }> {
    const existing = await this.findSubmissionByRequestId(s.requestId);
    if (existing) return { inserted: false, submission: existing };
    if (this.submissions.has(s.id)) throw uniqueViolation();
    const row: SubmissionRecord = { ...structuredClone(s), state: 'waiting', comment: null, decidedBy: null, publicCreationId: null, decidedAt: null };
    this.submissions.set(s.id, row);
    return { inserted: true, submission: structuredClone(row) };
  }

  async findSubmission(id: string): Promise<SubmissionRecord | null> {
    const s = this.submissions.get(id);
    return s ? structuredClone(s) : null;
  }

  async listSubmissions(workshopId: string, filter: { states?: SubmissionState[]; pupilId?: string } = {}): Promise<SubmissionRecord[]> {
    return [...this.submissions.values()]
      .filter((s) => s.workshopId === workshopId && (!filter.states || filter.states.includes(s.state)) && (!filter.pupilId || s.pupilId === filter.pupilId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .slice(0, 1000)
      .map((s) => structuredClone(s));
  }

  async decide(
    id: string,
    decide: (current: SubmissionRecord) => { state: SubmissionState; comment: string | null; decidedBy: string },
  ): Promise<SubmissionRecord> {
    const s = this.submissions.get(id);
    if (!s) throw new Error(`submission ${id} vanished`);
    const next = decide(structuredClone(s));
    Object.assign(s, next, { decidedAt: new Date() });
    return structuredClone(s);
  }

  async setPublicCreation(id: string, creationId: string): Promise<void> {
    const s = this.submissions.get(id);
    if (s) s.publicCreationId = creationId;
  }

  async originsOf(creationIds: string[]): Promise<Map<string, { workshopTitle: string; approvedBy: string }>> {
    const out = new Map<string, { workshopTitle: string; approvedBy: string }>();
    for (const s of this.submissions.values()) {
      if (!s.publicCreationId || !creationIds.includes(s.publicCreationId) || !s.decidedBy) continue;
      out.set(s.publicCreationId, { workshopTitle: this.workshops.get(s.workshopId)!.title, approvedBy: this.staff.get(s.decidedBy)! });
    }
    return out;
  }

  async dueForForgetting(now: Date): Promise<WorkshopRecord[]> {
    const over = (w: Omit<WorkshopRecord, 'educatorUsername'>) => (w.endedAt && w.endedAt < w.endsAt ? w.endedAt : w.endsAt).getTime();
    return [...this.workshops.values()]
      .filter((w) => !w.forgottenAt && over(w) + w.retentionDays * DAY_MS <= now.getTime())
      .sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime())
      .slice(0, 100)
      .map((w) => this.withEducator(w));
  }

  async keepDraft(workshopId: string, draftCodeHash: string): Promise<void> {
    const d = [...this.drafts.values()].find((x) => x.codeHash === draftCodeHash);
    if (d && !this.draftLinks.has(d.id)) this.draftLinks.set(d.id, workshopId);
  }

  async forget(workshopId: string, now: Date): Promise<WorkshopForgotten> {
    const imageKeys: string[] = [];
    let drafts = 0;
    for (const [draftId, w] of [...this.draftLinks]) {
      if (w !== workshopId) continue;
      const d = this.drafts.get(draftId);
      if (d) {
        imageKeys.push(...d.remixes.map((c) => c.imageKey));
        this.drafts.delete(draftId);
        drafts++;
      }
      this.draftLinks.delete(draftId);
    }
    let submissions = 0;
    for (const s of [...this.submissions.values()]) {
      if (s.workshopId !== workshopId) continue;
      if (s.state !== 'approved') {
        imageKeys.push(...Object.values(s.imageKeys));
        this.submissions.delete(s.id);
        submissions++;
      } else {
        // The pupil rows go (ON DELETE SET NULL), and so does the keyed hash of the session that sent it.
        s.pupilId = null;
        delete (s.creation as Partial<SubmissionRecord['creation']>).visitorKey;
      }
    }
    let pupils = 0;
    for (const p of [...this.pupils.values()]) {
      if (p.workshopId !== workshopId) continue;
      this.pupils.delete(p.id);
      pupils++;
    }
    const w = this.workshops.get(workshopId);
    if (w) Object.assign(w, { forgottenAt: new Date(now), joinCode: null });
    return { imageKeys, pupils, submissions, drafts };
  }
}
