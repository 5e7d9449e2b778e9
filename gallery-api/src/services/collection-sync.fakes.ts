import type { ReportSummary, SourceSyncState, SourceSyncStore } from './collection-sync.service';

/** The in-memory `collection_sources` for unit tests, held to CollectionSourceRepository by collection-source.contract.ts. */
export class FakeSourceSyncStore implements SourceSyncStore {
  readonly rows = new Map<string, SourceSyncState>();

  async get(source: string): Promise<SourceSyncState | null> {
    const row = this.rows.get(source);
    return row ? structuredClone(row) : null;
  }

  async list(): Promise<SourceSyncState[]> {
    return [...this.rows.values()].sort((a, b) => a.source.localeCompare(b.source)).map((r) => structuredClone(r));
  }

  async markStarted(source: string, baseUrl: string, at: Date): Promise<void> {
    this.rows.set(source, { ...this.row(source, baseUrl), lastStartedAt: at });
  }

  async markSynced(source: string, baseUrl: string, startedAt: Date, report: ReportSummary): Promise<void> {
    this.rows.set(source, { ...this.row(source, baseUrl), baseUrl, lastStartedAt: this.rows.get(source)?.lastStartedAt ?? startedAt, lastSyncedAt: startedAt, lastReport: { ...report } });
  }

  async markFailed(source: string, at: Date, error: string): Promise<void> {
    this.rows.set(source, { ...this.row(source, null), lastFailedAt: at, lastError: error.slice(0, 2000) });
  }

  private row(source: string, baseUrl: string | null): SourceSyncState {
    return this.rows.get(source) ?? { source, baseUrl, lastStartedAt: null, lastSyncedAt: null, lastReport: null, lastFailedAt: null, lastError: null };
  }
}
