import { HttpError, badRequest, conflict, notFound } from '@atelier/common/errors';
import { isUuid, type CreationRecord, type CreationStatus } from './creation';
import type { CreationPage, CreationReader } from './creation.service';

export type Decision = 'approve' | 'reject';

export interface ModerationEvent {
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
  appendEvent(event: { creationId: string; staffId: string; decision: Decision; reason: string | null }): Promise<ModerationEvent>;
  setStatus(id: string, status: CreationStatus): Promise<void>;
}

export interface ModerationStore {
  inTransaction<T>(fn: (tx: ModerationTx) => Promise<T>): Promise<T>;
  listEvents(creationId: string): Promise<ModerationEvent[]>;
}

export const MAX_REASON_LENGTH = 500;
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

export class ModerationService {
  constructor(
    private readonly store: ModerationStore,
    private readonly creations: Pick<CreationReader, 'findById' | 'listByStatus'>,
  ) {}

  async queue(page: number): Promise<CreationPage> {
    // A flag from the safety screen puts a creation at the front with its scores; it never drops it.
    const { items, total } = await this.creations.listByStatus('pending', 'flagged-first', QUEUE_PAGE_SIZE, (page - 1) * QUEUE_PAGE_SIZE);
    return { items, total, page, pageSize: QUEUE_PAGE_SIZE };
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
      return event;
    });
  }

  async events(creationId: string): Promise<{ creation: CreationRecord; events: ModerationEvent[] }> {
    const creation = isUuid(creationId) ? await this.creations.findById(creationId) : null;
    if (!creation) throw unknownCreation();
    return { creation, events: await this.store.listEvents(creationId) };
  }
}

const unknownCreation = (): HttpError => notFound('creation_not_found', 'No such creation.');
