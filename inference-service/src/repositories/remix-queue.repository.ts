import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { CANCEL_FLAG_TTL_S, TOMBSTONE_TTL_S, remixKeys } from '../jobs/control';
import { CANCELLED } from '../jobs/errors';
import { REMIX_JOB, REMIX_JOB_OPTIONS, REMIX_QUEUE, outputReadyOf, progressOf, type RemixJobData, type RemixJobResult } from '../jobs/remix.job';
import {
  QueueUnavailableError, WORK_AHEAD_READ, type CancelOutcome, type JobState, type RemixQueue, type RemixSnapshot, type WorkAhead,
} from '../services/remix-queue';

interface Tombstone {
  data: RemixJobData;
  createdAt: number;
  cancelledAt: number;
}

/** The remix queue on BullMQ: the job is the remix record (services/remix-queue.ts says what each call does). */
export class BullRemixQueue implements RemixQueue {
  readonly queue: Queue<RemixJobData, RemixJobResult>;
  private readonly keys;
  private workerCount: { value: number; at: number } | undefined;

  constructor(
    private readonly connection: Redis,
    prefix: string,
    private readonly timeoutMs = 5000,
    /** Jobs one worker runs at once (WORKER_CONCURRENCY), for estimates. */
    private readonly concurrencyPerWorker = 1,
  ) {
    this.queue = new Queue<RemixJobData, RemixJobResult>(REMIX_QUEUE, { connection, prefix });
    this.keys = remixKeys(prefix);
  }

  async add(data: RemixJobData, options: { priority?: number } = {}): Promise<void> {
    const priority = Math.min(2_000_000, Math.max(1, Math.round(options.priority ?? 1)));
    await this.bounded(this.queue.add(REMIX_JOB, data, { ...REMIX_JOB_OPTIONS, jobId: data.remixId, priority }));
  }

  async find(remixId: string): Promise<RemixSnapshot | null> {
    return this.bounded(this.read(remixId));
  }

  async cancel(remixId: string): Promise<CancelOutcome> {
    return this.bounded(this.cancelJob(remixId));
  }

  async states(remixIds: string[]): Promise<Map<string, JobState | null>> {
    const entries = await this.bounded(
      Promise.all(remixIds.map(async (id) => [id, (await this.read(id))?.state ?? null] as const)),
    );
    return new Map(entries);
  }

  async workAhead(remixId: string): Promise<WorkAhead | null> {
    return this.bounded(this.readWorkAhead(remixId));
  }

  async capacity(): Promise<number> {
    // CLIENT LIST is not free; the number of workers changes rarely.
    if (!this.workerCount || Date.now() - this.workerCount.at > 10_000) {
      const value = await this.bounded(this.queue.getWorkersCount()).catch(() => 1);
      this.workerCount = { value, at: Date.now() };
    }
    return Math.max(1, this.workerCount.value) * this.concurrencyPerWorker;
  }

  private async cancelJob(remixId: string): Promise<CancelOutcome> {
    const job = (await this.queue.getJob(remixId)) as Job<RemixJobData, RemixJobResult> | undefined;
    if (!job) return (await this.connection.exists(this.keys.tombstone(remixId))) ? 'cancelled' : 'missing';
    const state = await job.getState();
    if (state === 'completed') return 'finished';
    if (state === 'failed') return job.failedReason === CANCELLED ? 'cancelled' : 'finished';
    // The output is out (the visitor may already see it); only the safety screen is left to run.
    if (state === 'active' && outputReadyOf(job.progress)) return 'finished';
    // The flag comes first: a job taken by a worker between here and the remove still sees it.
    await this.connection.set(this.keys.cancelFlag(remixId), '1', 'EX', CANCEL_FLAG_TTL_S);
    if (state !== 'active') {
      const tombstone: Tombstone = { data: job.data, createdAt: job.timestamp, cancelledAt: Date.now() };
      await this.connection.set(this.keys.tombstone(remixId), JSON.stringify(tombstone), 'EX', TOMBSTONE_TTL_S);
      try {
        await job.remove();
        return 'removed';
      } catch {
        await this.connection.del(this.keys.tombstone(remixId)); // a worker locked it meanwhile
      }
    }
    await this.connection.publish(this.keys.cancelChannel, remixId);
    return 'signalled';
  }

  /** BullMQ waits for Redis forever; a visitor's request must not. */
  private async bounded<T>(call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Redis in ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([call, timeout]);
    } catch (err) {
      throw new QueueUnavailableError(err);
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(remixId: string): Promise<RemixSnapshot | null> {
    let job = (await this.queue.getJob(remixId)) as Job<RemixJobData, RemixJobResult> | undefined;
    if (!job) return this.readTombstone(remixId);
    const raw = await job.getState();
    // The job was read just before it finished (its state is newer than its fields): read it again.
    if (raw === 'completed' && job.returnvalue == null) job = ((await this.queue.getJob(remixId)) as typeof job) ?? job;
    const state: JobState =
      raw === 'completed'
        ? 'completed'
        : raw === 'failed'
          ? job.failedReason === CANCELLED
            ? 'cancelled'
            : 'failed'
          : raw === 'active'
            ? 'running'
            : 'queued';
    const snapshot: RemixSnapshot = {
      data: job.data,
      state,
      progress: progressOf(job.progress),
      createdAt: job.timestamp,
    };
    if (state === 'completed' && job.returnvalue) snapshot.result = job.returnvalue;
    if (state === 'failed') snapshot.failedReason = job.failedReason;
    if (state === 'running' && job.processedOn) snapshot.startedAt = job.processedOn;
    const ready = state === 'running' ? outputReadyOf(job.progress) : undefined;
    if (ready) snapshot.ready = ready;
    if (raw === 'waiting' || raw === 'prioritized') snapshot.position = await this.position(remixId, raw);
    // Put back to wait for gallery-api (processors/index.ts): queued, with no place until it is due again.
    if (raw === 'delayed' && job.data.waiting?.for === 'collection') snapshot.waitingFor = 'collection';
    return snapshot;
  }

  private async readTombstone(remixId: string): Promise<RemixSnapshot | null> {
    const raw = await this.connection.get(this.keys.tombstone(remixId));
    if (!raw) return null;
    const t = JSON.parse(raw) as Tombstone;
    return { data: t.data, state: 'cancelled', progress: 0, createdAt: t.createdAt };
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.bounded(this.connection.ping())) === 'PONG';
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.queue.close();
  }

  /** Ids ahead as `position` counts them (next first), then each one's model and start from its job hash. */
  private async readWorkAhead(remixId: string): Promise<WorkAhead | null> {
    const wait = this.queue.toKey('wait');
    const [index, rank, waiting] = await Promise.all([
      this.connection.lpos(wait, remixId),
      this.connection.zrank(this.queue.toKey('prioritized'), remixId),
      this.connection.llen(wait),
    ]);
    if (index === null && rank === null) return null;
    const queuedCount = index !== null ? waiting - index - 1 : waiting + rank!;
    const n = Math.min(queuedCount, WORK_AHEAD_READ);
    // The wait list is taken from its right end; the prioritized set after it, lowest score first.
    const fromWait = n === 0 ? [] : (await this.connection.lrange(wait, -Math.min(n, waiting), -1)).reverse();
    const fromPrioritized =
      n > fromWait.length ? await this.connection.zrange(this.queue.toKey('prioritized'), 0, n - fromWait.length - 1) : [];
    const active = await this.connection.lrange(this.queue.toKey('active'), 0, -1);
    const ids = [...fromWait, ...fromPrioritized].filter((id) => id !== remixId).slice(0, n);
    const pipeline = this.connection.pipeline();
    for (const id of [...ids, ...active]) pipeline.hmget(this.queue.toKey(id), 'data', 'processedOn');
    const rows = ((await pipeline.exec()) ?? []).map(([, row]) => row as [string | null, string | null]);
    const modelOf = (row: [string | null, string | null] | undefined) => {
      try {
        return row?.[0] ? (JSON.parse(row[0]) as { model?: string }).model : undefined;
      } catch {
        return undefined;
      }
    };
    const queued = rows.slice(0, ids.length).map(modelOf).filter((m): m is string => !!m);
    const running = rows.slice(ids.length).flatMap((row) => {
      const model = modelOf(row);
      const startedAt = row?.[1] ? Number(row[1]) : undefined;
      return model ? [{ model, ...(startedAt ? { startedAt } : {}) }] : [];
    });
    return { queued, queuedCount, running };
  }

  /**
   * BullMQ 5 takes the plain wait list (LPUSHed, taken from the right) before the `prioritized` sorted
   * set (score = priority · 2³² + arrival counter), so a prioritized job has the whole wait list ahead.
   */
  private async position(remixId: string, raw: 'waiting' | 'prioritized'): Promise<number | undefined> {
    const wait = this.queue.toKey('wait');
    if (raw === 'prioritized') {
      const [rank, waiting] = await Promise.all([this.connection.zrank(this.queue.toKey('prioritized'), remixId), this.connection.llen(wait)]);
      return rank === null ? undefined : waiting + rank + 1;
    }
    const [index, length] = await Promise.all([this.connection.lpos(wait, remixId), this.connection.llen(wait)]);
    return index === null ? undefined : length - index;
  }
}
