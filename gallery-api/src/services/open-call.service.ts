import { randomUUID } from 'node:crypto';
import { badRequest, conflict, HttpError, notFound } from '@atelier/common/errors';
import type { Lang } from '@atelier/contracts/lang';
import {
  OPEN_CALL_PHASES,
  type JuryItem,
  type OpenCall,
  type OpenCallInput,
  type OpenCallPage,
  type OpenCallPhase,
  type OpenCallScore,
} from '@atelier/contracts/open-call.schema';
import { isUuid, type CreationRecord } from './creation';
import type { CreationView } from './creation.view';
import type { StaffAuditLog } from './staff-audit';

export interface OpenCallRecord {
  id: string;
  theme: { en: string; nl: string };
  brief: { en: string; nl: string };
  opensOn: string | null;
  closesOn: string | null;
  categories: string[];
  publicVote: boolean;
  phase: OpenCallPhase;
}
export interface SubmissionRecord {
  creationId: string;
  category: string | null;
  shortlisted: boolean;
}
export interface ScoreRecord extends OpenCallScore {
  creationId: string;
  staffId: string;
}

/** Where open calls are kept (repositories/open-call.repository.ts). */
export interface OpenCallStore {
  create(id: string, input: OpenCallInput): Promise<OpenCallRecord>;
  find(id: string): Promise<OpenCallRecord | null>;
  list(): Promise<OpenCallRecord[]>;
  setPhase(id: string, phase: OpenCallPhase): Promise<void>;
  /** False: already submitted. */
  submit(callId: string, creationId: string, category: string | null): Promise<boolean>;
  submissions(callId: string): Promise<SubmissionRecord[]>;
  score(callId: string, creationId: string, staffId: string, score: OpenCallScore): Promise<void>;
  scores(callId: string): Promise<ScoreRecord[]>;
  setShortlist(callId: string, creationIds: readonly string[]): Promise<void>;
  /** False: this voter already voted in this call. */
  vote(callId: string, voterKey: string, creationId: string): Promise<boolean>;
  voteOf(callId: string, voterKey: string): Promise<string | null>;
  voteCounts(callId: string): Promise<Map<string, number>>;
}

export interface OpenCallDeps {
  store: OpenCallStore;
  creations: { findById(id: string): Promise<CreationRecord | null> };
  view: CreationView;
  audit: StaffAuditLog;
  /** A keyed hash of a visitor session: the creation owner's (as publishing keeps it) and a voter's. */
  visitorKey: (sessionId: string) => string;
  voterKey: (sessionId: string) => string;
}

/** Each phase may only follow the one before it; without a public vote, results follow judging. */
export function nextPhaseAllowed(from: OpenCallPhase, to: OpenCallPhase, publicVote: boolean): boolean {
  const order = OPEN_CALL_PHASES.filter((p) => publicVote || p !== 'voting');
  return order.indexOf(to) === order.indexOf(from) + 1;
}

/** The jurors' mean of every criterion of every score, or null when none scored it. */
export function meanScore(scores: readonly OpenCallScore[]): number | null {
  if (!scores.length) return null;
  const sum = scores.reduce((n, s) => n + s.originality + s.craft + s.theme, 0);
  return Math.round((sum / (scores.length * 3)) * 100) / 100;
}

const unknownCall = () => notFound('open_call_not_found', 'No such open call.');
const wrongPhase = (phase: OpenCallPhase) => conflict('wrong_phase', `The open call is in its ${phase} phase.`);

/** Open calls: every staff step is in the staff audit log; visitors see approved creations only. */
export class OpenCallService {
  constructor(private readonly deps: OpenCallDeps) {}

  async create(input: OpenCallInput, staffId: string): Promise<OpenCall> {
    const record = await this.deps.store.create(randomUUID(), { ...input, categories: [...new Set(input.categories)] });
    await this.deps.audit.record({ staffId, action: 'open_call.create', subjectType: 'open_call', subjectId: record.id, detail: { theme: record.theme.en } });
    return this.view(record, 'en');
  }

  async setPhase(id: string, phase: OpenCallPhase, staffId: string): Promise<OpenCall> {
    const call = await this.call(id);
    if (!nextPhaseAllowed(call.phase, phase, call.publicVote)) throw conflict('phase_not_next', `From ${call.phase} the call cannot go to ${phase}.`);
    await this.deps.store.setPhase(id, phase);
    await this.deps.audit.record({ staffId, action: 'open_call.phase', subjectType: 'open_call', subjectId: id, detail: { from: call.phase, to: phase } });
    return this.view({ ...call, phase }, 'en');
  }

  async list(lang: Lang): Promise<{ items: OpenCall[] }> {
    return { items: (await this.deps.store.list()).map((c) => this.view(c, lang)) };
  }

  /** A visitor submits one of their own creations (pending or approved) while the call takes submissions. */
  async submit(id: string, creationId: string, category: string | null, sessionId: string | null): Promise<{ submitted: boolean }> {
    const call = await this.call(id);
    if (call.phase !== 'submissions') throw wrongPhase(call.phase);
    const creation = isUuid(creationId) ? await this.deps.creations.findById(creationId.toLowerCase()) : null;
    if (!creation || !sessionId || !creation.visitorKey || creation.visitorKey !== this.deps.visitorKey(sessionId))
      throw notFound('creation_not_found', 'No such creation.');
    if (creation.status !== 'pending' && creation.status !== 'approved') throw conflict('not_submittable', `This creation is ${creation.status}.`);
    if (call.categories.length ? !category || !call.categories.includes(category) : category !== null)
      throw badRequest('unknown_category', 'Choose one of the call’s categories.', { categories: call.categories });
    return { submitted: await this.deps.store.submit(id, creation.id, category) };
  }

  async juryList(id: string, staffId: string): Promise<{ items: JuryItem[] }> {
    await this.call(id);
    const [submissions, scores] = await Promise.all([this.deps.store.submissions(id), this.deps.store.scores(id)]);
    const items = await Promise.all(
      submissions.map(async (s) => {
        const c = await this.deps.creations.findById(s.creationId);
        const theirs = scores.filter((x) => x.creationId === s.creationId);
        const mine = theirs.find((x) => x.staffId === staffId);
        return {
          creationId: s.creationId,
          title: c?.title ?? '',
          status: c?.status ?? 'withdrawn',
          thumbUrl: c ? this.deps.view.creation(c, 'en').thumbUrl : '',
          category: s.category,
          shortlisted: s.shortlisted,
          myScore: mine ? { originality: mine.originality, craft: mine.craft, theme: mine.theme } : null,
          jurors: theirs.length,
          mean: meanScore(theirs),
        };
      }),
    );
    return { items };
  }

  async score(id: string, creationId: string, staffId: string, score: OpenCallScore): Promise<void> {
    const call = await this.call(id);
    if (call.phase !== 'judging') throw wrongPhase(call.phase);
    await this.submission(id, creationId);
    await this.deps.store.score(id, creationId.toLowerCase(), staffId, score);
    await this.deps.audit.record({ staffId, action: 'open_call.score', subjectType: 'open_call', subjectId: id, detail: { creationId: creationId.toLowerCase(), ...score } });
  }

  /** The jury's shortlist: submissions that are approved (the public sees nothing else). */
  async shortlist(id: string, creationIds: readonly string[], staffId: string): Promise<void> {
    const call = await this.call(id);
    if (call.phase !== 'judging') throw wrongPhase(call.phase);
    const ids = [...new Set(creationIds.map((c) => c.toLowerCase()))];
    const submitted = new Set((await this.deps.store.submissions(id)).map((s) => s.creationId));
    const refused: string[] = [];
    for (const c of ids) if (!submitted.has(c) || (await this.deps.creations.findById(c))?.status !== 'approved') refused.push(c);
    if (refused.length) throw badRequest('not_shortlistable', 'Only approved submissions can be shortlisted.', { creationIds: refused });
    await this.deps.store.setShortlist(id, ids);
    await this.deps.audit.record({ staffId, action: 'open_call.shortlist', subjectType: 'open_call', subjectId: id, detail: { creationIds: ids } });
  }

  /** One vote per visitor session per call, for a shortlisted approved creation, while the vote is open. */
  async vote(id: string, creationId: string, sessionId: string): Promise<{ votedFor: string }> {
    const call = await this.call(id);
    if (call.phase !== 'voting') throw wrongPhase(call.phase);
    const s = await this.submission(id, creationId);
    if (!s.shortlisted || (await this.deps.creations.findById(s.creationId))?.status !== 'approved') throw badRequest('not_shortlisted', 'Only the shortlist can be voted for.');
    if (!(await this.deps.store.vote(id, this.deps.voterKey(sessionId), s.creationId))) throw conflict('already_voted', 'You already voted in this open call.');
    return { votedFor: s.creationId };
  }

  /** The public page: the shortlist while voting and after; vote counts and winners only once there are results. */
  async page(id: string, lang: Lang, sessionId: string | null): Promise<OpenCallPage> {
    const call = await this.call(id);
    const base = { ...this.view(call, lang), shortlist: [], votedFor: null, results: null };
    if (call.phase !== 'voting' && call.phase !== 'results') return base;
    const submissions = (await this.deps.store.submissions(id)).filter((s) => s.shortlisted);
    const shown = (
      await Promise.all(submissions.map(async (s) => ({ s, c: await this.deps.creations.findById(s.creationId) })))
    ).filter((x): x is { s: SubmissionRecord; c: CreationRecord } => x.c?.status === 'approved');
    const shortlist = shown.map(({ s, c }) => ({ ...this.deps.view.creation(c, lang), category: s.category }));
    const votedFor = call.phase === 'voting' && sessionId ? await this.deps.store.voteOf(id, this.deps.voterKey(sessionId)) : null;
    if (call.phase === 'voting') return { ...base, shortlist, votedFor };

    const [scores, counts] = await Promise.all([this.deps.store.scores(id), this.deps.store.voteCounts(id)]);
    const categories = call.categories.length ? call.categories : [null];
    const results = categories.map((category) => {
      const inCategory = shown.filter(({ s }) => s.category === category);
      const ranked = [...inCategory].sort(
        (a, b) =>
          (meanScore(scores.filter((x) => x.creationId === b.c.id)) ?? 0) - (meanScore(scores.filter((x) => x.creationId === a.c.id)) ?? 0) ||
          (counts.get(b.c.id) ?? 0) - (counts.get(a.c.id) ?? 0),
      );
      const byVotes = [...inCategory].sort((a, b) => (counts.get(b.c.id) ?? 0) - (counts.get(a.c.id) ?? 0));
      const favourite = call.publicVote && byVotes[0] && (counts.get(byVotes[0].c.id) ?? 0) > 0 ? byVotes[0] : null;
      return {
        category,
        winner: ranked[0] ? this.deps.view.creation(ranked[0].c, lang) : null,
        publicFavourite: favourite ? this.deps.view.creation(favourite.c, lang) : null,
        votes: call.publicVote ? inCategory.map(({ c }) => ({ creationId: c.id, votes: counts.get(c.id) ?? 0 })) : [],
      };
    });
    return { ...base, shortlist, results };
  }

  private async call(id: string): Promise<OpenCallRecord> {
    const call = isUuid(id) ? await this.deps.store.find(id.toLowerCase()) : null;
    if (!call) throw unknownCall();
    return call;
  }

  private async submission(id: string, creationId: string): Promise<SubmissionRecord> {
    const s = (await this.deps.store.submissions(id)).find((x) => x.creationId === creationId.toLowerCase());
    if (!s) throw new HttpError(404, 'submission_not_found', 'This creation was not submitted to the call.');
    return s;
  }

  private view(c: OpenCallRecord, lang: Lang): OpenCall {
    return { id: c.id, theme: c.theme[lang], brief: c.brief[lang], opensOn: c.opensOn, closesOn: c.closesOn, categories: c.categories, publicVote: c.publicVote, phase: c.phase };
  }
}
