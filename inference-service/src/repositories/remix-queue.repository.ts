import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { REMIX_JOB, REMIX_JOB_OPTIONS, REMIX_QUEUE, type RemixJobData, type RemixJobResult } from '../jobs/remix.job';

export type JobState = 'queued' | 'running' | 'completed' | 'failed';

/** A remix as the queue holds it: the job is the record, so a restart loses nothing. */
export interface RemixSnapshot {
  data: RemixJobData;
  state: JobState;
  progress: number;
  /** 1 = next to run; only while queued. */
  position?: number;
  result?: RemixJobResult;
  failedReason?: string;
  createdAt: number;
}

/** Redis could not be reached; the remix state is unknown rather than absent. */
export class QueueUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`remix queue unavailable: ${(cause as Error)?.message ?? cause}`);
    this.name = 'QueueUnavailableError';
  }
}

export interface RemixQueue {
  find(remixId: string): Promise<RemixSnapshot | null>;
  /** Adds the job with jobId = remixId; a second add with the same id changes nothing. */
  add(data: RemixJobData): Promise<void>;
  ping(): Promise<boolean>;
}

export class BullRemixQueue implements RemixQueue {
  readonly queue: Queue<RemixJobData, RemixJobResult>;

  constructor(
    private readonly connection: Redis,
    prefix: string,
    private readonly timeoutMs = 5000,
  ) {
    this.queue = new Queue<RemixJobData, RemixJobResult>(REMIX_QUEUE, { connection, prefix });
  }

  async add(data: RemixJobData): Promise<void> {
    await this.bounded(this.queue.add(REMIX_JOB, data, { ...REMIX_JOB_OPTIONS, jobId: data.remixId }));
  }

  async find(remixId: string): Promise<RemixSnapshot | null> {
    return this.bounded(this.read(remixId));
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
    const job = (await this.queue.getJob(remixId)) as Job<RemixJobData, RemixJobResult> | undefined;
    if (!job) return null;
    const raw = await job.getState();
    const state: JobState =
      raw === 'completed' ? 'completed' : raw === 'failed' ? 'failed' : raw === 'active' ? 'running' : 'queued';
    const snapshot: RemixSnapshot = {
      data: job.data,
      state,
      progress: typeof job.progress === 'number' ? job.progress : 0,
      createdAt: job.timestamp,
    };
    if (state === 'completed' && job.returnvalue) snapshot.result = job.returnvalue;
    if (state === 'failed') snapshot.failedReason = job.failedReason;
    if (raw === 'waiting') snapshot.position = await this.position(remixId);
    return snapshot;
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

  /** Jobs are LPUSHed and taken from the right end of the wait list (BullMQ 5, no priorities). */
  private async position(remixId: string): Promise<number | undefined> {
    const key = this.queue.toKey('wait');
    const [index, length] = await Promise.all([this.connection.lpos(key, remixId), this.connection.llen(key)]);
    return index === null ? undefined : length - index;
  }
}
