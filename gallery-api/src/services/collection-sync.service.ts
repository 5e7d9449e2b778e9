import type { HttpFetcher } from '../repositories/http-fetcher';
import type { HarvestOptions, SourceImporter } from '../importers/remote-source';
import { importWorks, type ImportCandidate, type ImportDeps, type ImportOutcome, type ImportReport } from './collection-import.service';

/** Where the last harvest of a source got to. */
export interface SourceSyncState {
  source: string;
  baseUrl: string | null;
  lastStartedAt: Date | null;
  lastSyncedAt: Date | null;
  lastReport: ReportSummary | null;
}

export type ReportSummary = Pick<ImportReport, 'imported' | 'updated' | 'unchanged' | 'refused' | 'failed'>;

export interface SourceSyncStore {
  get(source: string): Promise<SourceSyncState | null>;
  list(): Promise<SourceSyncState[]>;
  markStarted(source: string, baseUrl: string, at: Date): Promise<void>;
  /** Only after a harvest that ran to its end: an interrupted one must be repeated, not skipped. */
  markSynced(source: string, baseUrl: string, startedAt: Date, report: ReportSummary): Promise<void>;
}

export interface SyncProgress {
  seen: number;
  report: ReportSummary;
  /** The limit, when one was given: lets a progress bar show a fraction. */
  expected: number | null;
}

export interface SyncOptions extends Omit<HarvestOptions, 'since' | 'report'> {
  /** Stop after this many candidates (refused ones count). */
  limit?: number;
  /** undefined: since the last completed sync of an incremental source; null: everything. */
  since?: Date | null;
  onProgress?: (p: SyncProgress) => void;
}

/** Works in flight at once: enough to keep downloads and encodes overlapping, small enough to report often. */
export const SYNC_BATCH = 8;

/**
 * Harvests one source and imports what it yields in small batches, so a 10,000-work run reports progress,
 * holds little in memory, and keeps what it imported when it is stopped halfway.
 */
export async function syncSource(
  importer: SourceImporter,
  http: HttpFetcher,
  deps: ImportDeps & { sources: SourceSyncStore; now?: () => Date },
  opts: SyncOptions,
): Promise<ImportReport & { since: Date | null }> {
  const startedAt = (deps.now ?? (() => new Date()))();
  const state = await deps.sources.get(importer.source);
  const since = opts.since !== undefined ? opts.since : importer.incremental && state?.baseUrl === opts.baseUrl ? state.lastSyncedAt : null;
  await deps.sources.markStarted(importer.source, opts.baseUrl, startedAt);

  const outcomes: ImportOutcome[] = [];
  const report: ReportSummary = { imported: 0, updated: 0, unchanged: 0, refused: 0, failed: 0 };
  const record = (o: ImportOutcome) => {
    outcomes.push(o);
    report[o.kind]++;
  };
  const failures: ImportOutcome[] = [];
  const harvestOpts: HarvestOptions = {
    baseUrl: opts.baseUrl,
    since,
    ...(opts.query ? { query: opts.query } : {}),
    ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
    report: (sourceId, reason) => failures.push({ kind: 'failed', sourceId, reason }),
  };

  let batch: ImportCandidate[] = [];
  let seen = 0;
  const flush = async () => {
    for (const f of failures.splice(0)) record(f);
    if (batch.length) {
      const r = await importWorks(batch, deps);
      r.outcomes.forEach(record);
      seen += batch.length;
      batch = [];
    }
    opts.onProgress?.({ seen, report: { ...report }, expected: opts.limit ?? null });
  };
  for await (const c of take(importer.harvest(http, harvestOpts), opts.limit)) {
    batch.push(c);
    if (batch.length >= SYNC_BATCH) await flush();
  }
  await flush();
  await deps.sources.markSynced(importer.source, opts.baseUrl, startedAt, report);
  return { ...report, outcomes, since };
}

/** Stops an async iterable after `limit` items; a harvest is lazy, so nothing past the limit is fetched. */
async function* take<T>(items: AsyncIterable<T>, limit: number | undefined): AsyncIterable<T> {
  if (limit !== undefined && limit <= 0) return;
  let n = 0;
  for await (const item of items) {
    yield item;
    if (limit !== undefined && ++n >= limit) return;
  }
}
