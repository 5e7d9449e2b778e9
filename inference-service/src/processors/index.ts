import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { DelayedError, UnrecoverableError, Worker, type Job, type Processor } from 'bullmq';
import { isStorageFull } from '@atelier/common/storage';
import type { Redis } from 'ioredis';
import { remixKeys } from '../jobs/control';
import { CANCELLED, COLLECTION_UNREACHABLE, STORAGE_FULL, classifyFailure, isGalleryUnavailable, timeoutMessage } from '../jobs/errors';
import { REMIX_JOB_NAMES, REMIX_QUEUE, outputReadyOf, type RemixJobData, type RemixJobResult } from '../jobs/remix.job';

/**
 * A processor gets `(job, token, signal)`: `signal` aborts when the visitor cancels or the task's timeout
 * passes (`signal.reason` is `'cancelled'` or the timeout message). Check `signal.throwIfAborted()`
 * between steps, and always before writing an output, so an abandoned job stops using the CPU.
 */
export type RemixProcessors = Partial<Record<string, Processor<RemixJobData, RemixJobResult>>>;

export interface RemixWorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  /** The longest one job may run (ms), e.g. from its model's task; default 120 s. */
  timeoutMs?: (job: Job<RemixJobData, RemixJobResult>) => number;
  /** Lock lifetime and stalled-job check (see README: crash safety); BullMQ's defaults otherwise. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Worker deaths a job survives; one more and it fails (WORKER_MAX_STALLED_COUNT, README: crash safety). */
  maxStalledCount?: number;
  /**
   * How long a job that needs a work's image waits for gallery-api to come back (REMIX_GALLERY_WAIT_S): it goes back
   * to the queue as `delayed` with a growing pause (2 s doubling to 30 s) and other jobs run meanwhile; past the
   * bound it fails with a plain message. Default 5 minutes.
   */
  galleryWaitMs?: number;
  /** Tests only: wait this long before each job runs. */
  testJobDelayMs?: number;
  /** false: the caller starts it with `worker.run()` (worker.ts, after recovering orphans). */
  autorun?: boolean;
  /** Where run times go, for the queue estimates; a failure here never fails the job. */
  stats?: { recordDuration(model: string, ms: number): Promise<void> };
  /**
   * Told of every remix of a workshop group that ends (completed or failed, a retried attempt included): a group
   * forgotten while the remix ran is forgotten again then (repositories/workshop-remixes.repository.ts `jobEnded`).
   */
  groups?: GroupRemixesEnded;
}

export interface GroupRemixesEnded {
  jobEnded(groupId: string): Promise<unknown>;
}

/** The listener for a worker's `completed` and `failed`: tells `groups` of each ended remix that has a group. */
export function tellGroupOnEnd(groups: GroupRemixesEnded, onError: (err: Error) => void) {
  return (job: Pick<Job<RemixJobData>, 'data'> | undefined): void => {
    const groupId = job?.data.fairness?.groupId;
    if (groupId) groups.jobEnded(groupId).catch((err: unknown) => onError(err instanceof Error ? err : new Error(String(err))));
  };
}

/** The remix queue's worker. Refuses to start when a job name has no processor, rather than failing jobs later. */
export function createRemixWorker(processors: RemixProcessors, options: RemixWorkerOptions): Worker<RemixJobData, RemixJobResult> {
  const missing = REMIX_JOB_NAMES.filter((name) => !processors[name]);
  if (missing.length) throw new Error(`no processor for job names: ${missing.join(', ')}`);
  const keys = remixKeys(options.prefix);
  const running = new Map<string, { controller: AbortController; job: Job<RemixJobData, RemixJobResult> }>();

  // Cancels of running jobs arrive over pub/sub; the flag read at the start covers jobs not yet running.
  const subscriber = options.connection.duplicate();
  subscriber.on('error', () => undefined); // reconnects by itself; the flag check still holds
  subscriber.on('message', (_channel: string, remixId: string) => {
    const entry = running.get(remixId);
    // Once the output is announced the visitor has the result; a cancel that raced it is too late.
    if (entry && !outputReadyOf(entry.job.progress)) entry.controller.abort(CANCELLED);
  });
  const subscribed = subscriber.subscribe(keys.cancelChannel);

  const run = async (job: Job<RemixJobData, RemixJobResult>, token?: string): Promise<RemixJobResult> => {
    const processor = processors[job.name];
    if (!processor) throw new UnrecoverableError(`no processor for job ${job.name}`);
    const id = job.id ?? job.data.remixId;
    await subscribed;
    if (await options.connection.exists(keys.cancelFlag(id))) throw new UnrecoverableError(CANCELLED);

    const controller = new AbortController();
    running.set(id, { controller, job });
    const limitMs = options.timeoutMs?.(job) ?? 120_000;
    const timer = setTimeout(() => controller.abort(timeoutMessage(limitMs)), limitMs);
    // The job ends when the signal fires even if the processor is stuck in a native call that cannot stop.
    const aborted = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => reject(new UnrecoverableError(String(controller.signal.reason))), { once: true }),
    );
    aborted.catch(() => undefined);
    try {
      if (options.testJobDelayMs) await Promise.race([delay(options.testJobDelayMs, undefined, { signal: controller.signal }), aborted]);
      const started = performance.now();
      const result = await Promise.race([processor(job, token, controller.signal), aborted]);
      const processMs = performance.now() - started;
      // The estimate's sample is written in the background: the visitor's result does not wait for it.
      void options.stats?.recordDuration(job.data.model, processMs).catch(() => undefined);
      const queueMs = job.processedOn ? job.processedOn - job.timestamp : undefined;
      return { ...result, timings: { ...result.timings, queueMs, processMs: Math.round(processMs) } };
    } catch (err) {
      if (controller.signal.aborted) throw new UnrecoverableError(String(controller.signal.reason));
      if (isGalleryUnavailable(err)) await waitForGallery(job, token, err as Error, options.galleryWaitMs ?? DEFAULT_GALLERY_WAIT_MS);
      if (isStorageFull(err)) throw new UnrecoverableError(`${STORAGE_FULL}: ${(err as Error).message}`);
      throw classifyFailure(err);
    } finally {
      clearTimeout(timer);
      running.delete(id);
    }
  };

  const worker = new Worker<RemixJobData, RemixJobResult>(REMIX_QUEUE, run, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    // Each job records which worker ran it (processedBy): host and pid, no more.
    name: `${hostname()}:${process.pid}`,
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
    ...(options.maxStalledCount !== undefined ? { maxStalledCount: options.maxStalledCount } : {}),
    // worker.ts first puts back what a dead worker of this host left (processors/orphans.ts), then runs.
    ...(options.autorun === false ? { autorun: false } : {}),
  });
  worker.on('closed', () => subscriber.disconnect());
  if (options.groups) {
    // A failure is the worker's `error` (worker.ts logs it); the group's mark stays until its TTL.
    const ended = tellGroupOnEnd(options.groups, (err) => void (worker.listenerCount('error') > 0 && worker.emit('error', err)));
    worker.on('completed', ended);
    worker.on('failed', ended);
  }
  return worker;
}

const DEFAULT_GALLERY_WAIT_MS = 5 * 60_000;

/**
 * gallery-api did not answer while the job needed a work's image: the job goes back to the queue (`delayed`, its
 * data saying since when it waits) and is tried again after a pause that doubles from 2 s to 30 s, so a gallery
 * restart of a few seconds fails nothing (the old 3 attempts in ~6 s failed every such remix). Past `boundMs`
 * since the first failure it fails, with a reason the studio shows in plain words.
 */
async function waitForGallery(job: Job<RemixJobData, RemixJobResult>, token: string | undefined, err: Error, boundMs: number): Promise<never> {
  const since = job.data.waiting?.since ?? Date.now();
  if (!token || Date.now() - since >= boundMs)
    throw new UnrecoverableError(`${COLLECTION_UNREACHABLE}: gallery-api did not answer for ${Math.round((Date.now() - since) / 1000)} s (${err.message})`);
  const tries = (job.data.waiting?.tries ?? 0) + 1;
  const pause = Math.min(30_000, 2_000 * 2 ** (tries - 1), Math.max(1_000, since + boundMs - Date.now()));
  await job.updateData({ ...job.data, waiting: { for: 'collection', since, tries } });
  await job.moveToDelayed(Date.now() + pause, token);
  throw new DelayedError();
}
