import { selectList } from '../db/columns';
import type { Queryable } from '../db/database';
import type { ReportSummary, SourceSyncState, SourceSyncStore } from '../services/collection-sync.service';

const COLUMNS = selectList(['source', 'base_url', 'last_started_at', 'last_synced_at', 'last_report', 'last_failed_at', 'last_error']);

/** `collection_sources`: one row per source with where its last harvest got to. */
export class CollectionSourceRepository implements SourceSyncStore {
  constructor(private readonly db: Queryable) {}

  async get(source: string): Promise<SourceSyncState | null> {
    const { rows } = await this.db.query<SourceSyncState>(`SELECT ${COLUMNS} FROM collection_sources WHERE source = $1`, [source]);
    return rows[0] ?? null;
  }

  async list(): Promise<SourceSyncState[]> {
    const { rows } = await this.db.query<SourceSyncState>(`SELECT ${COLUMNS} FROM collection_sources ORDER BY source`);
    return rows;
  }

  async markStarted(source: string, baseUrl: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO collection_sources (source, base_url, last_started_at) VALUES ($1, $2, $3)
       ON CONFLICT (source) DO UPDATE SET last_started_at = EXCLUDED.last_started_at`,
      [source, baseUrl, at],
    );
  }

  async markSynced(source: string, baseUrl: string, startedAt: Date, report: ReportSummary): Promise<void> {
    // The start time, not the end: changes made while the harvest ran are picked up by the next one.
    await this.db.query(
      `INSERT INTO collection_sources (source, base_url, last_started_at, last_synced_at, last_report) VALUES ($1, $2, $3, $3, $4)
       ON CONFLICT (source) DO UPDATE SET base_url = EXCLUDED.base_url, last_synced_at = EXCLUDED.last_synced_at,
         last_report = EXCLUDED.last_report`,
      [source, baseUrl, startedAt, JSON.stringify(report)],
    );
  }

  async markFailed(source: string, at: Date, error: string): Promise<void> {
    await this.db.query(
      `INSERT INTO collection_sources (source, last_failed_at, last_error) VALUES ($1, $2, $3)
       ON CONFLICT (source) DO UPDATE SET last_failed_at = EXCLUDED.last_failed_at, last_error = EXCLUDED.last_error`,
      [source, at, error.slice(0, 2000)],
    );
  }
}
