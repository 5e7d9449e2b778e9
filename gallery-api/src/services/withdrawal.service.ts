import { conflict, notFound } from '@atelier/common/errors';
import type { CreationStatus } from '@atelier/contracts/creation.schema';
import type { Withdrawal } from '@atelier/contracts/exhibition.schema';
import { isUuid } from './creation';
import type { StaffAuditLog } from './staff-audit';

export interface WithdrawalStore {
  /** Withdraws the creation if it is approved; answers its status before (null: no such creation). */
  withdraw(creationId: string): Promise<CreationStatus | null>;
}

export interface WithdrawalDeps {
  store: WithdrawalStore;
  audit: StaffAuditLog;
  /** The exhibitions listing a creation (to tell their kiosks at once). */
  exhibitionsWith(creationId: string): Promise<string[]>;
  /** Announces the exhibitions whose kiosks must drop it (ExhibitionService.changed). */
  changed(exhibitionIds: readonly string[]): Promise<void>;
}

/**
 * Staff take an approved creation out of every public place: the gallery, exhibitions, kiosks and its images, all
 * of which read `status = 'approved'`. The reason is kept in the staff audit log. Only an approved creation can be
 * withdrawn (a pending one is rejected through moderation instead); withdrawing is final, as a decision is.
 */
export class WithdrawalService {
  constructor(private readonly deps: WithdrawalDeps) {}

  async withdraw(creationId: string, staffId: string, reason: string): Promise<Withdrawal> {
    const id = creationId.toLowerCase();
    if (!isUuid(id)) throw notFound('creation_not_found', 'No such creation.');
    const before = await this.deps.store.withdraw(id);
    if (before === null) throw notFound('creation_not_found', 'No such creation.');
    if (before !== 'approved') throw conflict('not_approved', `Only an approved creation can be withdrawn; this one is ${before}.`);
    const exhibitions = await this.deps.exhibitionsWith(id);
    await this.deps.audit.record({ staffId, action: 'creation.withdraw', subjectType: 'creation', subjectId: id, detail: { reason, exhibitions } });
    await this.deps.changed(exhibitions);
    return { creationId: id, status: 'withdrawn', exhibitions: exhibitions.length };
  }
}
