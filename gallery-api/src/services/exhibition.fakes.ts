import type { CreationStatus } from '@atelier/contracts/creation.schema';
import type { ExhibitionRecord } from './exhibition';
import type { ExhibitionFields, ExhibitionStore } from './exhibition.service';
import type { MementoStore } from './memento.service';
import type { WithdrawalStore } from './withdrawal.service';

/**
 * In-memory fakes of the exhibition ports for unit tests, held to the real parts' behaviour (exhibition.repository.ts,
 * withdrawal.repository.ts, memento.repository.ts) by exhibition.contract.ts.
 */
export class FakeExhibitionStore implements ExhibitionStore, WithdrawalStore {
  readonly rows = new Map<string, ExhibitionRecord>();
  /** The creations' statuses, as the creations table has them. */
  readonly statuses = new Map<string, CreationStatus>();

  async create(id: string, f: ExhibitionFields): Promise<ExhibitionRecord> {
    const record = { ...structuredClone(f), id, updatedAt: new Date() };
    this.rows.set(id, record);
    return structuredClone(record);
  }
  async update(id: string, f: ExhibitionFields): Promise<ExhibitionRecord | null> {
    if (!this.rows.has(id)) return null;
    return this.create(id, f);
  }
  async find(id: string): Promise<ExhibitionRecord | null> {
    const r = this.rows.get(id);
    return r ? structuredClone(r) : null;
  }
  async list(): Promise<ExhibitionRecord[]> {
    return [...this.rows.values()].reverse().map((r) => structuredClone(r));
  }
  async statusesOf(ids: readonly string[]): Promise<Map<string, CreationStatus>> {
    return new Map(ids.flatMap((id) => (this.statuses.has(id) ? [[id, this.statuses.get(id)!] as const] : [])));
  }
  async exhibitionsWith(creationId: string): Promise<string[]> {
    return [...this.rows.values()].filter((r) => r.creationIds.includes(creationId)).map((r) => r.id);
  }
  async withdraw(creationId: string): Promise<CreationStatus | null> {
    const before = this.statuses.get(creationId) ?? null;
    if (before === 'approved') this.statuses.set(creationId, 'withdrawn');
    return before;
  }
}

export class FakeMementoStore implements MementoStore {
  readonly rows = new Map<string, string>();
  readonly reasons = new Map<string, string>();
  async save(tokenSha256: string, creationId: string): Promise<void> {
    this.rows.set(tokenSha256, creationId);
  }
  async creationOf(tokenSha256: string): Promise<string | null> {
    return this.rows.get(tokenSha256) ?? null;
  }
  async rejectionReasonOf(creationId: string): Promise<string | null> {
    return this.reasons.get(creationId) ?? null;
  }
}
