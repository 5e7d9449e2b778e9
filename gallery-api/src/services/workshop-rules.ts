import { randomInt } from 'node:crypto';
import { HttpError } from '@atelier/common/errors';
import { CODE_ALPHABET, MAX_WORKSHOP_MS, type Pseudonym, type SubmissionDecision, type SubmissionState } from '@atelier/contracts/workshop.schema';

/** The rules of workshops, pure: codes, pseudonyms, time windows, retention and the approval states. */

export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** A code of `length` characters from the unambiguous alphabet, drawn with a cryptographic generator. */
export function newCode(length: number, draw: (max: number) => number = randomInt): string {
  return Array.from({ length }, () => CODE_ALPHABET[draw(CODE_ALPHABET.length)]).join('');
}

export interface WordPair {
  nl: string;
  en: string;
}

/** "Blauwe Reiger 12" / "Blue Heron 12": an adjective, an animal and a number 1..99, the same in both languages. */
export function newPseudonym(words: { adjectives: WordPair[]; animals: WordPair[] }, draw: (max: number) => number = randomInt): Pseudonym {
  const a = words.adjectives[draw(words.adjectives.length)]!;
  const b = words.animals[draw(words.animals.length)]!;
  const n = draw(99) + 1;
  return { nl: `${a.nl} ${b.nl} ${n}`, en: `${a.en} ${b.en} ${n}` };
}

/** A workshop's time window: it ends after it starts, within a day. */
export function checkWindow(startsAt: Date, endsAt: Date): void {
  if (!(endsAt.getTime() > startsAt.getTime()))
    throw new HttpError(400, 'invalid_window', 'A workshop ends after it starts.');
  if (endsAt.getTime() - startsAt.getTime() > MAX_WORKSHOP_MS)
    throw new HttpError(400, 'invalid_window', 'A workshop lasts at most one day.');
}

export interface WorkshopTimes {
  endsAt: Date;
  endedAt: Date | null;
  retentionDays: number;
}

/** When the workshop is over: ended by the educator, or its window closed, whichever came first. */
export function endOf(w: Pick<WorkshopTimes, 'endsAt' | 'endedAt'>): Date {
  return w.endedAt && w.endedAt < w.endsAt ? w.endedAt : w.endsAt;
}

/** When its pupils' data is deleted: `retentionDays` after it is over. */
export function forgetAt(w: WorkshopTimes): Date {
  return new Date(endOf(w).getTime() + w.retentionDays * DAY_MS);
}

export const isOver = (w: Pick<WorkshopTimes, 'endsAt' | 'endedAt'>, now: Date): boolean => endOf(w).getTime() <= now.getTime();

export type JoinRefusal = 'unknown' | 'ended' | 'locked';

/** Why a pupil may not join now (an unknown code, an ended or locked workshop), or null. Rejoining ignores the lock. */
export function joinRefusal(w: (Pick<WorkshopTimes, 'endsAt' | 'endedAt'> & { locked: boolean; forgotten: boolean }) | null, now: Date, rejoin: boolean): JoinRefusal | null {
  if (!w || w.forgotten) return 'unknown';
  if (isOver(w, now)) return 'ended';
  if (w.locked && !rejoin) return 'locked';
  return null;
}

/**
 * The approval state machine: a waiting work is approved, returned (with a comment; the pupil revises it as a new
 * submission) or rejected; every decision is final for that submission.
 */
export function stateAfter(current: SubmissionState, decision: SubmissionDecision): SubmissionState {
  if (current !== 'waiting')
    throw new HttpError(409, 'already_decided', `This work was already ${current}.`, { state: current });
  return decision === 'approve' ? 'approved' : decision === 'return' ? 'returned' : 'rejected';
}
