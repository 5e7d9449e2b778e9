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
  /** When a run last stopped before its end (the source unreadable, a broken works.json), and why. */
  lastFailedAt: Date | null;
  lastError: string | null;
}

/** What `collection status` says of a source: its last run finished, failed, or is running (or was killed). */
export type SourceRunState = 'synced' | 'failed' | 'unfinished' | 'never';

export function runStateOf(s: SourceSyncState | undefined): SourceRunState {
  if (!s?.lastStartedAt) return s?.lastSyncedAt ? 'synced' : 'never';
  if (s.lastFailedAt && s.lastFailedAt >= s.lastStartedAt) return 'failed';
  if (s.lastSyncedAt && s.lastSyncedAt >= s.lastStartedAt) return 'synced';
  return 'unfinished';
}

export type ReportSummary = Pick<ImportReport, 'imported' | 'updated' | 'unchanged' | 'refused' | 'failed'>;

export interface SourceSyncStore {
  get(source: string): Promise<SourceSyncState | null>;
  list(): Promise<SourceSyncState[]>;
  markStarted(source: string, baseUrl: string, at: Date): Promise<void>;
  /** Only after a harvest that ran to its end: an interrupted one must be repeated, not skipped. */
  markSynced(source: string, baseUrl: string, startedAt: Date, report: ReportSummary): Promise<void>;
  /** A run that stopped before its end; what it imported stays, the next run repeats it. */
  markFailed(source: string, at: Date, error: string): Promise<void>;
}

/**
 * Runs one import of a source with its state kept: started, then synced with its report, or failed with the error
 * (which is thrown on). Museum harvests and folder imports alike, so `collection status` can tell them apart.
 */
export async function trackedRun<R extends ReportSummary>(
  sources: SourceSyncStore,
  source: string,
  baseUrl: string,
  run: (startedAt: Date, state: SourceSyncState | null) => Promise<R>,
  now: () => Date = () => new Date(),
): Promise<R> {
  const startedAt = now();
  const state = await sources.get(source);
  await sources.markStarted(source, baseUrl, startedAt);
  let report: R;
  try {
    report = await run(startedAt, state);
  } catch (err) {
    await sources.markFailed(source, now(), (err as Error).message || String(err));
    throw err;
  }
  const { imported, updated, unchanged, refused, failed } = report;
  await sources.markSynced(source, baseUrl, startedAt, { imported, updated, unchanged, refused, failed });
  return report;
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
  return trackedRun(deps.sources, importer.source, opts.baseUrl, (_, state) => harvestInto(importer, http, deps, opts, state), deps.now);
}

async function harvestInto(
  importer: SourceImporter,
  http: HttpFetcher,
  deps: ImportDeps,
  opts: SyncOptions,
  state: SourceSyncState | null,
): Promise<ImportReport & { since: Date | null }> {
  const since = opts.since !== undefined ? opts.since : importer.incremental && state?.baseUrl === opts.baseUrl ? state.lastSyncedAt : null;

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
