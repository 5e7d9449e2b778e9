import type { Lang } from '@atelier/contracts/lang';
import type { Tool } from '@atelier/contracts/tools';
import type { CreateWorkshopRequest, Pseudonym, PublishRule, SubmissionState } from '@atelier/contracts/workshop.schema';
import type { NewCreation, Rendition } from './creation';

/** Workshops as gallery-api keeps them (rows with Dates); the wire shapes are contracts' workshop.schema.ts. */

export interface WorkshopRecord {
  id: string;
  educatorId: string;
  educatorUsername: string;
  title: string;
  lang: Lang;
  startsAt: Date;
  endsAt: Date;
  brief: CreateWorkshopRequest['brief'];
  assignment: CreateWorkshopRequest['assignment'];
  tools: Tool[];
  mayDraw: boolean;
  maySearch: boolean;
  publishRule: PublishRule;
  joinCode: string | null;
  locked: boolean;
  endedAt: Date | null;
  retentionDays: number;
  forgottenAt: Date | null;
  createdAt: Date;
}

export type NewWorkshop = Omit<WorkshopRecord, 'educatorUsername' | 'locked' | 'endedAt' | 'forgottenAt' | 'createdAt'>;

export interface PupilRecord {
  id: string;
  workshopId: string;
  pseudonym: Pseudonym;
  joinedAt: Date;
  removedAt: Date | null;
}

export interface NewPupil {
  id: string;
  workshopId: string;
  pseudonym: Pseudonym;
  /** Keyed hash of the rejoin code. */
  rejoinHash: string;
  /** The take-home link's token (a keyed derivation of the pupil id). */
  takeHomeToken: string;
}

export interface SubmissionRecord {
  id: string;
  requestId: string;
  workshopId: string;
  pupilId: string | null;
  pseudonym: Pseudonym;
  title: string;
  creditLine: string;
  imageKeys: Record<Rendition, string>;
  /** The creation as PublishService built it; inserted into `creations` when approved for the public gallery. */
  creation: NewCreation;
  state: SubmissionState;
  comment: string | null;
  decidedBy: string | null;
  publicCreationId: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface WorkshopForgotten {
  /** Files to delete: the images of deleted submissions and the remix copies of deleted drafts. */
  imageKeys: string[];
  pupils: number;
  submissions: number;
  drafts: number;
}

/** The SQL behind workshops (repositories/workshop.repository.ts; workshop.fakes.ts in memory). */
export interface WorkshopStore {
  createWorkshop(w: NewWorkshop): Promise<WorkshopRecord>;
  findWorkshop(id: string): Promise<WorkshopRecord | null>;
  findByJoinCode(code: string): Promise<WorkshopRecord | null>;
  /** An educator's workshops, newest first; null: everyone's (admin). */
  listWorkshops(educatorId: string | null): Promise<WorkshopRecord[]>;
  setLocked(id: string, locked: boolean): Promise<void>;
  end(id: string, at: Date): Promise<void>;
  /** False when the pseudonym or rejoin hash is taken in that workshop (draw again). */
  addPupil(p: NewPupil): Promise<PupilRecord | null>;
  findPupil(id: string): Promise<PupilRecord | null>;
  findPupilByRejoin(workshopId: string, rejoinHash: string): Promise<PupilRecord | null>;
  findPupilByTakeHome(token: string): Promise<PupilRecord | null>;
  listPupils(workshopId: string): Promise<PupilRecord[]>;
  removePupil(workshopId: string, pupilId: string): Promise<boolean>;
  findSubmissionByRequestId(requestId: string): Promise<SubmissionRecord | null>;
  insertSubmission(s: Omit<SubmissionRecord, 'state' | 'comment' | 'decidedBy' | 'publicCreationId' | 'decidedAt'>): Promise<{ inserted: boolean; submission: SubmissionRecord }>;
  findSubmission(id: string): Promise<SubmissionRecord | null>;
  listSubmissions(workshopId: string, filter?: { states?: SubmissionState[]; pupilId?: string }): Promise<SubmissionRecord[]>;
  /** Locks the submission, lets `decide` check the change, stores it; all in one transaction. */
  decide(id: string, decide: (current: SubmissionRecord) => { state: SubmissionState; comment: string | null; decidedBy: string }): Promise<SubmissionRecord>;
  setPublicCreation(id: string, creationId: string): Promise<void>;
  /** Where each of these public creations came from: its workshop's title and the approving educator. */
  originsOf(creationIds: string[]): Promise<Map<string, { workshopTitle: string; approvedBy: string }>>;
  /** Workshops over for at least their retention period whose data is not yet forgotten. */
  dueForForgetting(now: Date): Promise<WorkshopRecord[]>;
  /** Marks the draft with this code hash as saved by a pupil of the workshop (deleted with the workshop's data). */
  keepDraft(workshopId: string, draftCodeHash: string): Promise<void>;
  /**
   * Deletes the workshop's pupils, every submission not approved and its pupils' drafts, frees its join code and marks
   * it forgotten; answers the storage keys of the deleted submissions' images and drafts' remix copies, for the caller
   * to delete.
   */
  forget(workshopId: string, now: Date): Promise<WorkshopForgotten>;
}
