import { randomUUID } from 'node:crypto';
import { HttpError, notFound } from '@atelier/common/errors';
import type { PupilSession, PupilSessions } from '@atelier/common/pupil-session';
import { remixIdsOf, strokeCountOf, workIdsOf } from '@atelier/contracts/canvas';
import type { PublishRequest } from '@atelier/contracts/creation.schema';
import type { Lang } from '@atelier/contracts/lang';
import {
  JOIN_CODE_LENGTH,
  REJOIN_CODE_LENGTH,
  normalizeCode,
  pupilViewSchema,
  type CreateWorkshopRequest,
  type PupilView,
  type Submission,
  type Workshop,
  type WorkshopDecisionRequest,
} from '@atelier/contracts/workshop.schema';
import type { StaffPrincipal } from './auth.service';
import type { NewCreation, Rendition } from './creation';
import type { CreationWriter, PublishingVisitor, PublishResult, RemixSource } from './publish.service';
import { askInference } from './publish.service';
import type { StaffAuditLog } from './staff-audit';
import type { PupilRecord, SubmissionRecord, WorkshopRecord, WorkshopStore } from './workshop';
import { checkWindow, endOf, forgetAt, isOver, joinRefusal, newCode, newPseudonym, stateAfter, type WordPair } from './workshop-rules';
import { MemoryNotices, type Notices } from './notices';

/** What changed in a workshop, announced to its educator's pages and its pupils (server-sent events). */
export type WorkshopEvent =
  | { type: 'submission'; submissionId: string; pupilId: string | null }
  | { type: 'decision'; submissionId: string; pupilId: string | null; state: string }
  | { type: 'pupils' }
  | { type: 'workshop' };

/**
 * A workshop's events, over the change notices (repositories/pg-notices.ts), so the approval queue open on one
 * gallery-api process hears a pupil's send made on another. None given: within this process (unit tests).
 */
export class WorkshopEvents {
  constructor(private readonly notices: Notices = new MemoryNotices()) {}

  on(workshopId: string, listener: (e: WorkshopEvent) => void): () => void {
    return this.notices.listen('workshops', {
      notice: (payload) => {
        const p = payload as { workshopId?: unknown; event?: WorkshopEvent };
        if (p.workshopId === workshopId && p.event) listener(p.event);
      },
      // Events may have been missed: the page re-reads the workshop and everything in it.
      gap: () => listener({ type: 'workshop' }),
    });
  }

  emit(workshopId: string, e: WorkshopEvent): Promise<void> {
    return this.notices.notify('workshops', { workshopId, event: e });
  }
}

/** Publishes a pupil's creation into a writer of its own (the workshop's hold), with PublishService's checks. */
export type HeldPublisher = (writer: CreationWriter) => {
  publish(request: PublishRequest, upload: Uint8Array, visitor: PublishingVisitor): Promise<PublishResult>;
};

export interface WorkshopDeps {
  store: WorkshopStore;
  audit: StaffAuditLog;
  events: WorkshopEvents;
  publisher: HeldPublisher;
  /** Reads a pupil's remixes (as the pupil) to check their tools before anything is stored. */
  remixes: RemixSource;
  /** Inserts approved work of a public workshop into the museum's moderation queue (CreationRepository). */
  publicCreations: Pick<CreationWriter, 'insert'>;
  images: { get(key: string): Promise<Buffer>; delete(key: string): Promise<void> };
  words: { adjectives: WordPair[]; animals: WordPair[] };
  /** VisitorSessions.pseudonym: a keyed hash. */
  keyedHash(purpose: string, value: string): string;
  pupils: Pick<PupilSessions, 'cookie'>;
  publicUrl: string;
  retentionDays: number;
  /**
   * inference-service's remixes of a workshop group (repositories/workshop-remixes.client.ts): deleted when the workshop
   * is forgotten; absent, they go only on their own expiry.
   */
  groupRemixes?: { forget(workshopId: string): Promise<{ remixes: number; files: number }> };
  now?: () => Date;
}

/** What one sweep forgot. `remixesUnreached`: workshops whose remixes inference-service could not delete now. */
export interface WorkshopSweepResult {
  workshops: number;
  pupils: number;
  submissions: number;
  drafts: number;
  files: number;
  remixes: number;
  remixFiles: number;
  remixesUnreached: number;
}

export type WorkshopViewer = { staff: StaffPrincipal } | { pupil: PupilSession };

const notYours = () => new HttpError(403, 'not_your_workshop', 'This workshop is run by another educator.');
const noWorkshop = () => notFound('workshop_not_found', 'No such workshop.');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class WorkshopService {
  private readonly now: () => Date;
  constructor(private readonly deps: WorkshopDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** What the event streams listen to. */
  get events(): WorkshopEvents {
    return this.deps.events;
  }

  get retentionDays(): number {
    return this.deps.retentionDays;
  }

  // ─── The educator ────────────────────────────────────────────────────────────────────────────────────

  async create(staff: StaffPrincipal, req: CreateWorkshopRequest): Promise<Workshop> {
    const startsAt = new Date(req.startsAt);
    const endsAt = new Date(req.endsAt);
    checkWindow(startsAt, endsAt);
    for (let attempt = 0; ; attempt++) {
      try {
        const w = await this.deps.store.createWorkshop({
          id: randomUUID(),
          educatorId: staff.id,
          title: req.title.trim(),
          lang: req.lang,
          startsAt,
          endsAt,
          brief: req.brief,
          assignment: req.assignment,
          tools: [...new Set(req.tools)],
          mayDraw: req.mayDraw,
          maySearch: req.maySearch,
          publishRule: req.publishRule,
          joinCode: newCode(JOIN_CODE_LENGTH),
          retentionDays: this.deps.retentionDays,
        });
        await this.deps.audit.record({
          staffId: staff.id,
          action: 'workshop.create',
          subjectType: 'workshop',
          subjectId: w.id,
          detail: { title: w.title, publishRule: w.publishRule, tools: w.tools, retentionDays: w.retentionDays },
        });
        return this.view(w);
      } catch (err) {
        // A join code already in use (one in 887 million per open workshop): draw again.
        if ((err as { code?: string }).code !== '23505' || attempt >= 5) throw err;
      }
    }
  }

  async list(staff: StaffPrincipal): Promise<Workshop[]> {
    const all = await this.deps.store.listWorkshops(staff.role === 'admin' ? null : staff.id);
    return all.map((w) => this.view(w));
  }

  /** The workshop, if this staff member runs it (or is an admin): 404 unknown, 403 another educator's. */
  async owned(staff: StaffPrincipal, id: string): Promise<WorkshopRecord> {
    const w = UUID.test(id) ? await this.deps.store.findWorkshop(id) : null;
    if (!w) throw noWorkshop();
    if (w.educatorId !== staff.id && staff.role !== 'admin') throw notYours();
    return w;
  }

  async get(staff: StaffPrincipal, id: string): Promise<Workshop> {
    return this.view(await this.owned(staff, id));
  }

  async setLocked(staff: StaffPrincipal, id: string, locked: boolean): Promise<Workshop> {
    const w = await this.owned(staff, id);
    await this.deps.store.setLocked(w.id, locked);
    await this.record(staff, locked ? 'workshop.lock' : 'workshop.unlock', w.id);
    await this.deps.events.emit(w.id, { type: 'workshop' });
    return this.view((await this.deps.store.findWorkshop(w.id))!);
  }

  /** Ends the workshop now: pupils can no longer join or send work; every approved work stays. */
  async end(staff: StaffPrincipal, id: string): Promise<Workshop> {
    const w = await this.owned(staff, id);
    await this.deps.store.end(w.id, this.now());
    await this.record(staff, 'workshop.end', w.id);
    await this.deps.events.emit(w.id, { type: 'workshop' });
    return this.view((await this.deps.store.findWorkshop(w.id))!);
  }

  async pupils(staff: StaffPrincipal, id: string): Promise<PupilRecord[]> {
    const w = await this.owned(staff, id);
    return this.deps.store.listPupils(w.id);
  }

  async removePupil(staff: StaffPrincipal, id: string, pupilId: string): Promise<void> {
    const w = await this.owned(staff, id);
    if (!UUID.test(pupilId) || !(await this.deps.store.removePupil(w.id, pupilId))) throw notFound('pupil_not_found', 'No such pupil.');
    await this.record(staff, 'workshop.remove_pupil', w.id, { pupilId });
    await this.deps.events.emit(w.id, { type: 'pupils' });
  }

  /** The approval queue: every submission, waiting ones first, oldest first within each. */
  async queue(staff: StaffPrincipal, id: string, lang: Lang): Promise<Submission[]> {
    const w = await this.owned(staff, id);
    const all = await this.deps.store.listSubmissions(w.id);
    const order = { waiting: 0, returned: 1, approved: 2, rejected: 3 } as const;
    return all.sort((a, b) => order[a.state] - order[b.state]).map((s) => this.submission(s, lang));
  }

  async decide(staff: StaffPrincipal, id: string, submissionId: string, req: WorkshopDecisionRequest): Promise<Submission> {
    const w = await this.owned(staff, id);
    const found = UUID.test(submissionId) ? await this.deps.store.findSubmission(submissionId) : null;
    if (!found || found.workshopId !== w.id) throw notFound('submission_not_found', 'No such work in this workshop.');
    const decided = await this.deps.store.decide(found.id, (current) => ({
      state: stateAfter(current.state, req.decision),
      comment: req.comment?.trim() || null,
      decidedBy: staff.id,
    }));
    let publicCreationId: string | null = null;
    if (decided.state === 'approved' && w.publishRule === 'public') {
      // Into the museum's moderation queue, as any visitor's creation; the queue sees where it came from through
      // `workshop_submissions.public_creation_id` and the audit log.
      // Under the pupil's pseudonym, which the held creation carries (and older held ones take from the submission).
      const { creation } = await this.deps.publicCreations.insert({ ...decided.creation, maker: decided.pseudonym });
      publicCreationId = creation.id;
      await this.deps.store.setPublicCreation(decided.id, creation.id);
    }
    await this.record(staff, `workshop.${req.decision}`, w.id, { submissionId: decided.id, ...(publicCreationId ? { publicCreationId } : {}) });
    await this.deps.events.emit(w.id, { type: 'decision', submissionId: decided.id, pupilId: decided.pupilId, state: decided.state });
    return this.submission({ ...decided, publicCreationId }, w.lang);
  }

  /** Marks the moderation queue's creations that came from a workshop: "from workshop X, approved by an educator". */
  async markOrigins<T extends { items: { id: string }[] }>(page: T): Promise<T> {
    const origins = await this.deps.store.originsOf(page.items.map((c) => c.id));
    return { ...page, items: page.items.map((c) => (origins.has(c.id) ? { ...c, workshop: origins.get(c.id)! } : c)) };
  }

  // ─── The class gallery (educator, projector and pupils of the workshop) ──────────────────────────────

  /** The workshop as the viewer may see it: its educator (or an admin), or a pupil still in it. */
  async forViewer(viewer: WorkshopViewer, id: string): Promise<WorkshopRecord> {
    if ('staff' in viewer) return this.owned(viewer.staff, id);
    const { workshop } = await this.pupilOf(viewer.pupil);
    if (workshop.id !== id) throw notYours();
    return workshop;
  }

  async classGallery(viewer: WorkshopViewer, id: string, lang: Lang): Promise<Submission[]> {
    const w = await this.forViewer(viewer, id);
    return (await this.deps.store.listSubmissions(w.id, { states: ['approved'] })).reverse().map((s) => this.submission(s, lang));
  }

  /** An approved work's image for the class (its own pupil also sees it before approval). */
  async image(viewer: WorkshopViewer, id: string, submissionId: string, rendition: Rendition): Promise<Buffer> {
    const w = await this.forViewer(viewer, id);
    const s = UUID.test(submissionId) ? await this.deps.store.findSubmission(submissionId) : null;
    const own = 'pupil' in viewer && s?.pupilId === viewer.pupil.pupilId;
    if (!s || s.workshopId !== w.id || (s.state !== 'approved' && 'pupil' in viewer && !own)) throw notFound('submission_not_found', 'No such work.');
    return this.deps.images.get(s.imageKeys[rendition]);
  }

  async submissionsFor(w: WorkshopRecord, states: SubmissionRecord['state'][]): Promise<SubmissionRecord[]> {
    return this.deps.store.listSubmissions(w.id, { states });
  }

  // ─── Pupils ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Joins by the workshop's code as a new pupil with a generated pseudonym, or, with a rejoin code, as the same
   * pupil again (another device, a lost cookie). The pupil's language picks the refusal's wording (the route's).
   */
  async join(
    typedCode: string,
    typedRejoin: string | undefined,
  ): Promise<{ session: PupilSession; pupil: PupilRecord; rejoinCode: string | null; workshop: WorkshopRecord }> {
    const code = normalizeCode(typedCode, JOIN_CODE_LENGTH);
    const w = code ? await this.deps.store.findByJoinCode(code) : null;
    const rejoin = typedRejoin !== undefined && typedRejoin.trim() !== '';
    const refusal = joinRefusal(w && { ...w, forgotten: !!w.forgottenAt }, this.now(), rejoin);
    if (refusal || !w) throw joinRefused(refusal ?? 'unknown');
    let pupil: PupilRecord | null = null;
    let rejoinCode: string | null = null;
    if (rejoin) {
      const given = normalizeCode(typedRejoin, REJOIN_CODE_LENGTH);
      pupil = given ? await this.deps.store.findPupilByRejoin(w.id, this.rejoinHash(w.id, given)) : null;
      if (!pupil || pupil.removedAt) throw new HttpError(404, 'rejoin_unknown', 'That rejoin code is not known in this workshop.');
      rejoinCode = given;
    } else {
      for (let attempt = 0; !pupil; attempt++) {
        if (attempt >= 20) throw new HttpError(503, 'workshop_full', 'No pseudonym is left in this workshop; ask the educator.');
        const id = randomUUID();
        rejoinCode = newCode(REJOIN_CODE_LENGTH);
        pupil = await this.deps.store.addPupil({
          id,
          workshopId: w.id,
          pseudonym: newPseudonym(this.deps.words),
          rejoinHash: this.rejoinHash(w.id, rejoinCode),
          takeHomeToken: this.takeHomeToken(id),
        });
      }
      await this.deps.events.emit(w.id, { type: 'pupils' });
    }
    return { session: { workshopId: w.id, pupilId: pupil.id, expiresAt: endOf(w) }, pupil, rejoinCode, workshop: w };
  }

  /** The pupil behind a session, still in a workshop that still exists: else 401 (the pupil page offers to join). */
  async pupilOf(session: PupilSession | null): Promise<{ pupil: PupilRecord; workshop: WorkshopRecord }> {
    const pupil = session ? await this.deps.store.findPupil(session.pupilId) : null;
    const workshop = pupil && pupil.workshopId === session?.workshopId ? await this.deps.store.findWorkshop(pupil.workshopId) : null;
    if (!pupil || !workshop || workshop.forgottenAt) throw new HttpError(401, 'not_a_pupil', 'Join the workshop with its code first.');
    if (pupil.removedAt) throw new HttpError(403, 'pupil_removed', 'The educator took you out of this workshop.');
    return { pupil, workshop };
  }

  async pupilView(session: PupilSession | null, lang: Lang): Promise<PupilView> {
    const { pupil, workshop: w } = await this.pupilOf(session);
    const own = await this.deps.store.listSubmissions(w.id, { pupilId: pupil.id });
    return {
      // The workshop as pupils see it: its view, less what is the educator's (the code, the retention, who runs it).
      workshop: pupilViewSchema.shape.workshop.parse({ ...this.view(w), endsAt: endOf(w).toISOString(), ended: isOver(w, this.now()) }),
      pseudonym: pupil.pseudonym,
      rejoinCode: null,
      takeHomeUrl: this.takeHomeUrl(pupil.id),
      submissions: own.reverse().map((s) => this.submission(s, lang)),
    };
  }

  /**
   * A pupil's "publish": the workshop's rules first (its tools, drawing, the assignment set), then PublishService's
   * own checks and image work, into the workshop's hold; the educator's queue hears of it at once.
   */
  async submit(session: PupilSession | null, visitor: PublishingVisitor, request: PublishRequest, upload: Uint8Array): Promise<Submission> {
    const { pupil, workshop: w } = await this.pupilOf(session);
    if (isOver(w, this.now())) throw new HttpError(409, 'workshop_ended', 'This workshop has ended.');
    await this.checkRules(w, request, visitor);
    const createdAt = this.now();
    const held = new HeldWriter(this.deps.store, { workshopId: w.id, pupil, createdAt });
    const { creation } = await this.deps.publisher(held).publish(request, upload, visitor);
    const s = held.submission ?? (await this.deps.store.findSubmissionByRequestId(creation.requestId));
    if (!s) throw new Error(`submission ${creation.requestId} was not stored`);
    if (held.submission) await this.deps.events.emit(w.id, { type: 'submission', submissionId: s.id, pupilId: pupil.id });
    return this.submission(s, w.lang);
  }

  /** Only the allowed remix tools, drawing only if allowed, works from the assignment set unless searching is. */
  private async checkRules(w: WorkshopRecord, request: PublishRequest, visitor: PublishingVisitor): Promise<void> {
    if (!w.mayDraw && strokeCountOf(request.document) > 0) throw new HttpError(403, 'drawing_not_allowed', 'Drawing is not part of this workshop.');
    if (!w.maySearch) {
      const allowed = new Set(w.assignment.map((a) => a.workId));
      const outside = workIdsOf(request.document).filter((id) => !allowed.has(id));
      if (outside.length) throw new HttpError(403, 'work_not_in_assignment', 'Use the works of the assignment.', { workIds: outside });
    }
    const remixIds = [...new Set([...request.remixIds, ...remixIdsOf(request.document)])];
    const remixes = await Promise.all(remixIds.map((id) => askInference(() => this.deps.remixes.getRemix(id, visitor.token))));
    const tools = new Set<string>(w.tools);
    const refused = remixes.filter((r) => r && !tools.has(r.tool)).map((r) => r!.tool);
    if (refused.length) throw new HttpError(403, 'tool_not_allowed', 'This workshop does not use that remix tool.', { tools: [...new Set(refused)] });
  }

  async takeHome(token: string, lang: Lang): Promise<{ title: string; pseudonym: PupilRecord['pseudonym']; submissions: Submission[] }> {
    const pupil = /^[0-9a-f]{32}$/.test(token) ? await this.deps.store.findPupilByTakeHome(token) : null;
    const w = pupil ? await this.deps.store.findWorkshop(pupil.workshopId) : null;
    if (!pupil || !w) throw notFound('take_home_not_found', 'This link has expired.');
    const own = await this.deps.store.listSubmissions(w.id, { pupilId: pupil.id, states: ['approved'] });
    return { title: w.title, pseudonym: pupil.pseudonym, submissions: own.map((s) => this.submission(s, lang, token)) };
  }

  async takeHomeImage(token: string, submissionId: string, rendition: Rendition): Promise<Buffer> {
    const pupil = /^[0-9a-f]{32}$/.test(token) ? await this.deps.store.findPupilByTakeHome(token) : null;
    const s = pupil && UUID.test(submissionId) ? await this.deps.store.findSubmission(submissionId) : null;
    if (!pupil || !s || s.pupilId !== pupil.id || s.state !== 'approved') throw notFound('submission_not_found', 'No such work.');
    return this.deps.images.get(s.imageKeys[rendition]);
  }

  // ─── Forgetting ──────────────────────────────────────────────────────────────────────────────────────

  /**
   * Deletes the pupils' data of every workshop past its retention: pupils, unapproved work, their drafts (with files)
   * and their remixes in inference-service; approved work stays under its pseudonym. An inference-service that cannot
   * be reached does not hold the rest back: its remixes then go on their own expiry (14 days), as the result says.
   */
  async forgetDue(): Promise<WorkshopSweepResult> {
    const result: WorkshopSweepResult = { workshops: 0, pupils: 0, submissions: 0, drafts: 0, files: 0, remixes: 0, remixFiles: 0, remixesUnreached: 0 };
    for (const w of await this.deps.store.dueForForgetting(this.now())) {
      const remixes = this.deps.groupRemixes ? await this.deps.groupRemixes.forget(w.id).catch(() => null) : null;
      const gone = await this.deps.store.forget(w.id, this.now());
      for (const key of gone.imageKeys) await this.deps.images.delete(key).catch(() => undefined);
      await this.deps.audit.record({
        staffId: null,
        action: 'workshop.forget',
        subjectType: 'workshop',
        subjectId: w.id,
        detail: { pupils: gone.pupils, submissions: gone.submissions, drafts: gone.drafts, remixes: remixes?.remixes ?? null },
      });
      result.workshops++;
      result.pupils += gone.pupils;
      result.submissions += gone.submissions;
      result.drafts += gone.drafts;
      result.files += gone.imageKeys.length;
      result.remixes += remixes?.remixes ?? 0;
      result.remixFiles += remixes?.files ?? 0;
      if (this.deps.groupRemixes && !remixes) result.remixesUnreached++;
    }
    return result;
  }

  /** A draft a pupil saved (by its code) belongs to their workshop: it is deleted with the workshop's data. */
  async keepDraft(session: PupilSession | null, draftCode: string): Promise<void> {
    const { workshop } = await this.pupilOf(session);
    await this.deps.store.keepDraft(workshop.id, this.deps.keyedHash('draft code', draftCode));
  }

  // ─── Views ───────────────────────────────────────────────────────────────────────────────────────────

  view(w: WorkshopRecord): Workshop {
    const base = this.deps.publicUrl.replace(/\/$/, '');
    return {
      id: w.id,
      title: w.title,
      lang: w.lang,
      startsAt: w.startsAt.toISOString(),
      endsAt: w.endsAt.toISOString(),
      brief: w.brief,
      assignment: w.assignment,
      tools: w.tools,
      mayDraw: w.mayDraw,
      maySearch: w.maySearch,
      publishRule: w.publishRule,
      joinCode: w.joinCode,
      joinUrl: w.joinCode ? `${base}/join/${w.joinCode}` : null,
      locked: w.locked,
      endedAt: w.endedAt ? w.endedAt.toISOString() : null,
      forgetAt: forgetAt(w).toISOString(),
      retentionDays: w.retentionDays,
      educator: w.educatorUsername,
      createdAt: w.createdAt.toISOString(),
    };
  }

  submission(s: SubmissionRecord, _lang: Lang, takeHome?: string): Submission {
    const base = this.deps.publicUrl.replace(/\/$/, '');
    const api = takeHome
      ? `/api/gallery/workshops/take-home/${takeHome}/${s.id}`
      : `/api/gallery/workshops/${s.workshopId}/gallery/${s.id}`;
    return {
      id: s.id,
      creationId: s.creation.id,
      pseudonym: s.pseudonym,
      title: s.title,
      creditLine: s.creditLine,
      state: s.state,
      comment: s.comment,
      createdAt: s.createdAt.toISOString(),
      decidedAt: s.decidedAt ? s.decidedAt.toISOString() : null,
      imageUrl: `${api}/working`,
      thumbUrl: `${api}/thumb`,
      pageUrl: s.publicCreationId && s.state === 'approved' ? `${base}/gallery/${s.publicCreationId}` : `${base}/workshops/${s.workshopId}/work/${s.id}`,
    };
  }

  private takeHomeToken(pupilId: string): string {
    return this.deps.keyedHash('workshop take-home', pupilId).slice(0, 32);
  }

  takeHomeUrl(pupilId: string): string {
    return `${this.deps.publicUrl.replace(/\/$/, '')}/take-home/${this.takeHomeToken(pupilId)}`;
  }

  private rejoinHash(workshopId: string, code: string): string {
    return this.deps.keyedHash('workshop rejoin', `${workshopId}\n${code}`);
  }

  private async record(staff: StaffPrincipal, action: string, workshopId: string, detail: Record<string, unknown> = {}): Promise<void> {
    await this.deps.audit.record({ staffId: staff.id, action, subjectType: 'workshop', subjectId: workshopId, detail });
  }
}

/** Why a join was refused, for the pupil page to say in the pupil's language (its message is the English one). */
export function joinRefused(reason: 'unknown' | 'ended' | 'locked'): HttpError {
  if (reason === 'ended') return new HttpError(410, 'workshop_ended', 'This workshop has ended.');
  if (reason === 'locked') return new HttpError(423, 'workshop_locked', 'The educator has closed joining for this workshop.');
  return notFound('workshop_code_unknown', 'No workshop has this code. Check the code on the screen.');
}

/** PublishService's writer for a pupil: the creation goes into the workshop's hold, never into `creations`. */
class HeldWriter implements CreationWriter {
  submission: SubmissionRecord | null = null;
  constructor(
    private readonly store: WorkshopStore,
    private readonly ctx: { workshopId: string; pupil: PupilRecord; createdAt: Date },
  ) {}

  async findByRequestId(requestId: string) {
    const s = await this.store.findSubmissionByRequestId(requestId);
    return s ? { ...s.creation, status: 'pending' as const, decidedAt: null, credentials: s.creation.credentials ?? null } : null;
  }

  async countPendingOf(): Promise<number> {
    return 0;
  }

  async insert(creation: NewCreation) {
    const { inserted, submission } = await this.store.insertSubmission({
      id: randomUUID(),
      requestId: creation.requestId,
      workshopId: this.ctx.workshopId,
      pupilId: this.ctx.pupil.id,
      pseudonym: this.ctx.pupil.pseudonym,
      title: creation.title,
      creditLine: creation.creditLine,
      imageKeys: creation.imageKeys,
      // A pupil makes under the pseudonym the workshop gave them, not the one of their visitor session.
      creation: { ...creation, maker: this.ctx.pupil.pseudonym },
      createdAt: this.ctx.createdAt,
    });
    if (inserted) this.submission = submission;
    const record = { ...submission.creation, status: 'pending' as const, decidedAt: null, credentials: submission.creation.credentials ?? null };
    return { inserted, creation: record };
  }
}

