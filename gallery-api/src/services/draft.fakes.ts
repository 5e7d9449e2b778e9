import type { DraftRecord, DraftStore } from './draft.service';

/** DraftStore in memory, held to DraftRepository by draft.contract.ts. */
export class FakeDrafts implements DraftStore {
  readonly rows = new Map<string, DraftRecord>();

  async insert(d: DraftRecord): Promise<boolean> {
    if ([...this.rows.values()].some((r) => r.codeHash === d.codeHash)) return false;
    this.rows.set(d.id, structuredClone(d));
    return true;
  }
  async findByCodeHash(codeHash: string, now: Date): Promise<DraftRecord | null> {
    const d = [...this.rows.values()].find((r) => r.codeHash === codeHash && r.expiresAt > now);
    return d ? structuredClone(d) : null;
  }
  async findById(id: string, now: Date): Promise<DraftRecord | null> {
    const d = this.rows.get(id);
    return d && d.expiresAt > now ? structuredClone(d) : null;
  }
  async listExpired(now: Date, limit: number): Promise<Pick<DraftRecord, 'id' | 'remixes'>[]> {
    return [...this.rows.values()]
      .filter((r) => r.expiresAt <= now)
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .slice(0, limit)
      .map(({ id, remixes }) => ({ id, remixes: structuredClone(remixes) }));
  }
  async delete(ids: string[]): Promise<void> {
    for (const id of ids) this.rows.delete(id);
  }
}
