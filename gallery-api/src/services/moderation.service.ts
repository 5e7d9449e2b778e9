import { HttpError, badRequest, conflict, notFound } from '@atelier/common/errors';
import {
  MAX_REASON_LENGTH,
  type CreationStatus,
  type Decision,
  type ModerationEvent,
  type ModerationQueue,
} from '@atelier/contracts/creation.schema';
import type { Lang } from '@atelier/contracts/lang';
import { isUuid } from './creation';
import { pageOfCreations, type CreationReader } from './creation.service';
import type { CreationView } from './creation.view';

/** A decision as the log keeps it (with the staff id); contracts' `ModerationEvent` is what staff are answered. */
export interface ModerationEventRecord {
  id: number;
  creationId: string;
  staffId: string | null;
  staffUsername: string | null;
  decision: Decision;
  reason: string | null;
  createdAt: Date;
}

/** The writes of one decision, inside one transaction that holds the creation's row lock. */
export interface ModerationTx {
  /** The creation's status, locked until the transaction ends; null when unknown. */
  lockCreation(id: string): Promise<CreationStatus | null>;
  appendEvent(event: { creationId: string; staffId: string; decision: Decision; reason: string | null }): Promise<ModerationEventRecord>;
  setStatus(id: string, status: CreationStatus): Promise<void>;
}

export interface ModerationStore {
  inTransaction<T>(fn: (tx: ModerationTx) => Promise<T>): Promise<T>;
  listEvents(creationId: string): Promise<ModerationEventRecord[]>;
}

export const QUEUE_PAGE_SIZE = 50;

/** A reject must say why (the log is read later by colleagues); an approve may. */
export function normaliseDecision(input: { decision: Decision; reason?: string | null | undefined }): { decision: Decision; reason: string | null } {
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > MAX_REASON_LENGTH)
    throw badRequest('reason_too_long', `The reason may be at most ${MAX_REASON_LENGTH} characters.`);
  if (input.decision === 'reject' && !reason) throw badRequest('reason_required', 'A rejection needs a reason.');
  return { decision: input.decision, reason };
}

/** Only a pending creation can be decided; a decision is final (a change of mind is a new feature, not an edit). */
export function statusAfter(current: CreationStatus, decision: Decision): CreationStatus {
  if (current !== 'pending') throw conflict('already_decided', `This creation was already ${current}.`);
  return decision === 'approve' ? 'approved' : 'rejected';
}

const toEvent = (e: ModerationEventRecord): ModerationEvent => ({
  id: e.id,
  creationId: e.creationId,
  decision: e.decision,
  reason: e.reason,
  staffUsername: e.staffUsername,
  createdAt: e.createdAt.toISOString(),
});

export class ModerationService {
  constructor(
    private readonly store: ModerationStore,
    private readonly creations: CreationReader,
    private readonly view: CreationView,
  ) {}

  queue(page: number, lang: Lang): Promise<ModerationQueue> {
    // A flag from the safety screen puts a creation at the front with its scores; it never drops it.
    const query = { status: 'pending', order: 'flagged-first', page, pageSize: QUEUE_PAGE_SIZE } as const;
    return pageOfCreations(this.creations, query, (c) => this.view.queueItem(c, lang));
  }

  async decide(creationId: string, staffId: string, input: { decision: Decision; reason?: string | null | undefined }): Promise<ModerationEvent> {
    const { decision, reason } = normaliseDecision(input);
    if (!isUuid(creationId)) throw unknownCreation();
    return this.store.inTransaction(async (tx) => {
      const current = await tx.lockCreation(creationId);
      if (!current) throw unknownCreation();
      const next = statusAfter(current, decision);
      const event = await tx.appendEvent({ creationId, staffId, decision, reason });
      await tx.setStatus(creationId, next);
      return toEvent(event);
    });
  }

  async events(creationId: string): Promise<{ events: ModerationEvent[] }> {
    const creation = isUuid(creationId) ? await this.creations.findById(creationId) : null;
    if (!creation) throw unknownCreation();
    return { events: (await this.store.listEvents(creationId)).map(toEvent) };
  }
}

const unknownCreation = (): HttpError => notFound('creation_not_found', 'No such creation.');
