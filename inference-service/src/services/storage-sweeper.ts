import type { ObjectStorage } from '@atelier/common';
import { PRINT_JOB_OPTIONS } from '../jobs/print.job';
import { REMIX_JOB_OPTIONS } from '../jobs/remix.job';
import type { JobState, RemixQueue } from './remix-queue';
import { assertBoundToQueue } from './queue-binding';

/**
 * Deletes the remix files nothing will read again. The BullMQ job is the remix record, so its state
 * decides: an input (`inputs/<id>.png`) is only read by the job's own attempts (retries, the safety screen
 * of a rerun), an output (`outputs/<id>.png`) only through the remix, which is gone once its job expired.
 * Published creations keep their own copy in gallery-api and never depend on these files. A print (`prints/<id>.png`,
 * jobs/print.job.ts) is read through its print job (job id = print id), so it goes once that job is gone: asking for
 * the same print again then makes it anew.
 */
export interface SweepPolicy {
  /** An input stays at least this long, even once its job has finished or is gone. */
  inputGraceMs: number;
  /** An output stays at least this long, and only goes once its job is gone. */
  outputRetentionMs: number;
  /** A print stays at least this long, and only goes once its print job is gone. */
  printRetentionMs: number;
}

/** Finished jobs are removed after this long (REMIX_JOB_OPTIONS); then the API can no longer serve the output. */
export const JOB_RETENTION_MS = Math.max(REMIX_JOB_OPTIONS.removeOnComplete.age, REMIX_JOB_OPTIONS.removeOnFail.age) * 1000;
/** Finished print jobs are removed after this long (PRINT_JOB_OPTIONS): then GET /prints/:id/output.png is 404. */
export const PRINT_JOB_RETENTION_MS = Math.max(PRINT_JOB_OPTIONS.removeOnComplete.age, PRINT_JOB_OPTIONS.removeOnFail.age) * 1000;
export const DEFAULT_SWEEP_POLICY: SweepPolicy = { inputGraceMs: 60 * 60_000, outputRetentionMs: JOB_RETENTION_MS, printRetentionMs: PRINT_JOB_RETENTION_MS };
export const SWEEP_BATCH_SIZE = 100;

export type RemixFileKind = 'input' | 'output' | 'print';
export interface RemixFile {
  kind: RemixFileKind;
  /** The job the file belongs to: the remix id, or for a print the print id (its print job's id). */
  remixId: string;
}

const FOLDERS = { inputs: 'input', outputs: 'output', prints: 'print' } as const satisfies Record<string, RemixFileKind>;
/** The folders swept, each with a trailing slash. */
export const SWEPT_PREFIXES = Object.keys(FOLDERS).map((folder) => `${folder}/`);
/** Remix ids are the client's requestId, a UUID (contracts `remixRequestSchema`); print ids are UUIDs too. */
const REMIX_FILE = /^(inputs|outputs|prints)\/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\.png$/;

/** The remix (or print) a key belongs to; undefined for anything else (left alone). */
export function remixFileOf(key: string): RemixFile | undefined {
  const m = REMIX_FILE.exec(key);
  return m ? { kind: FOLDERS[m[1] as keyof typeof FOLDERS], remixId: m[2]! } : undefined;
}

const FINISHED: ReadonlySet<JobState> = new Set(['completed', 'failed', 'cancelled']);

/** Too young to go whatever its job's state: no need to ask the queue. */
export function withinKeepAge(kind: RemixFileKind, ageMs: number, policy: SweepPolicy): boolean {
  return ageMs <= (kind === 'input' ? policy.inputGraceMs : kind === 'output' ? policy.outputRetentionMs : policy.printRetentionMs);
}

/**
 * The rule. `state` null = the job is gone (expired or never added); undefined = unknown, which keeps the file.
 * Input: its job is finished or gone, and it is older than the grace. Output: its job is gone, and it is
 * older than the job retention; never while the job (or a cancel's tombstone) still exists. Print: its print job is
 * gone, and it is older than the print job retention; never while the job exists (a fresh print is reused through it).
 */
export function mayDelete(kind: RemixFileKind, state: JobState | null | undefined, ageMs: number, policy: SweepPolicy): boolean {
  if (state === undefined || withinKeepAge(kind, ageMs, policy)) return false;
  return kind === 'input' ? state === null || FINISHED.has(state) : state === null;
}

export interface SweepReport {
  /** Objects listed under inputs/, outputs/ and prints/. */
  scanned: number;
  /** Leftovers of writes a crash interrupted, older than the input grace. */
  temporariesDeleted: number;
  inputsDeleted: number;
  outputsDeleted: number;
  printsDeleted: number;
  bytesFreed: number;
  /** Remix files kept (too young, or their job still needs them). */
  kept: number;
  /** Objects whose name is not a remix file. */
  ignored: number;
  /** Deletes that failed (the file stays; the next sweep tries again). */
  failed: number;
  firstError?: string;
}

/** The sweep stopped (the queue could not be read, or the listing failed); `report` is what it did before. */
export class SweepInterruptedError extends Error {
  constructor(
    readonly report: SweepReport,
    cause: unknown,
  ) {
    super(`storage sweep interrupted: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = 'SweepInterruptedError';
  }
}

export interface StorageSweeperDeps {
  storage: Pick<ObjectStorage, 'list' | 'delete' | 'get' | 'exists' | 'removeStaleTemporaries'>;
  queue: Pick<RemixQueue, 'states'>;
  /** The QUEUE_PREFIX this worker uses: a folder bound to another (or to none yet) is not swept (queue-binding.ts). */
  queuePrefix: string;
  policy?: Partial<SweepPolicy>;
  /** Job states read from the queue at once. */
  batchSize?: number;
  now?: () => number;
}

interface Candidate extends RemixFile {
  key: string;
  size: number;
  modifiedAt: number;
}

export class StorageSweeper {
  readonly policy: SweepPolicy;
  private readonly batchSize: number;
  private readonly now: () => number;

  constructor(private readonly deps: StorageSweeperDeps) {
    this.policy = { ...DEFAULT_SWEEP_POLICY, ...deps.policy };
    this.batchSize = Math.max(1, deps.batchSize ?? SWEEP_BATCH_SIZE);
    this.now = deps.now ?? Date.now;
  }

  /** One pass over inputs/, outputs/ and prints/. Throws SweepInterruptedError (after deleting nothing more) when state is unknown. */
  async sweep(signal?: AbortSignal): Promise<SweepReport> {
    const report: SweepReport = { scanned: 0, temporariesDeleted: 0, inputsDeleted: 0, outputsDeleted: 0, printsDeleted: 0, bytesFreed: 0, kept: 0, ignored: 0, failed: 0 };
    try {
      await assertBoundToQueue(this.deps.storage, this.deps.queuePrefix);
      for (const prefix of SWEPT_PREFIXES) {
        // A write takes seconds at most: a temporary older than the input grace was left by a crash.
        report.temporariesDeleted += (await this.deps.storage.removeStaleTemporaries?.(prefix, new Date(this.now() - this.policy.inputGraceMs))) ?? 0;
        let batch: Candidate[] = [];
        for await (const object of this.deps.storage.list(prefix)) {
          report.scanned++;
          const file = remixFileOf(object.key);
          if (!file) {
            report.ignored++;
            continue;
          }
          const modifiedAt = object.modifiedAt.getTime();
          if (withinKeepAge(file.kind, this.now() - modifiedAt, this.policy)) {
            report.kept++;
            continue;
          }
          batch.push({ ...file, key: object.key, size: object.size, modifiedAt });
          if (batch.length >= this.batchSize) {
            await this.settle(batch, report, signal);
            batch = [];
          }
        }
        await this.settle(batch, report, signal);
      }
    } catch (err) {
      throw err instanceof SweepInterruptedError ? err : new SweepInterruptedError(report, err);
    }
    return report;
  }

  private async settle(batch: Candidate[], report: SweepReport, signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (batch.length === 0) return;
    // A failure here (Redis down) throws before anything of this batch is deleted.
    const states = await this.deps.queue.states(batch.map((f) => f.remixId));
    const now = this.now();
    for (const file of batch) {
      if (!mayDelete(file.kind, states.get(file.remixId), now - file.modifiedAt, this.policy)) {
        report.kept++;
        continue;
      }
      try {
        await this.deps.storage.delete(file.key);
        if (file.kind === 'input') report.inputsDeleted++;
        else if (file.kind === 'output') report.outputsDeleted++;
        else report.printsDeleted++;
        report.bytesFreed += file.size;
      } catch (err) {
        report.failed++;
        report.firstError ??= `${file.key}: ${(err as Error)?.message ?? err}`;
      }
    }
  }
}

export interface PeriodicSweepOptions {
  intervalMs: number;
  /** Before the first sweep; 0 = at once. */
  firstDelayMs?: number;
  log(msg: string, extra: Record<string, unknown>): void;
  warn(msg: string, extra: Record<string, unknown>): void;
}

export interface PeriodicSweep {
  /** No new sweep starts; a running one stops between batches. Resolves once it has. */
  stop(): Promise<void>;
}

/** Sweeps now and then every `intervalMs` after the previous sweep ended (never two at once); never throws. */
export function sweepPeriodically(sweeper: Pick<StorageSweeper, 'sweep'>, options: PeriodicSweepOptions): PeriodicSweep {
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const once = async () => {
    const started = Date.now();
    try {
      const report = await sweeper.sweep(stopping.signal);
      options.log('storage sweep', { ...report, ms: Date.now() - started });
    } catch (err) {
      if (stopping.signal.aborted) return;
      const partial = err instanceof SweepInterruptedError ? err.report : {};
      options.warn('storage sweep failed; files whose job state is unknown are kept', { ...partial, err: (err as Error)?.message ?? String(err) });
    }
  };
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      running = once().finally(() => {
        running = undefined;
        if (!stopping.signal.aborted) schedule(options.intervalMs);
      });
    }, delayMs);
    timer.unref(); // the sweep never keeps the process alive
  };
  schedule(options.firstDelayMs ?? 0);

  return {
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
