import { CANCELLED } from '../jobs/errors';
import { outputReadyOf, progressOf, type RemixJobData, type RemixJobResult, type RemixOutputReady } from '../jobs/remix.job';
import type { MemoryRemixEvents } from './remix-events.fake';
import type { CancelOutcome, JobState, RemixQueue, RemixSnapshot, WorkAhead } from './remix-queue';

interface Job {
  data: RemixJobData;
  priority: number;
  /** Arrival order. */
  seq: number;
  state: 'waiting' | 'active' | 'completed' | 'failed';
  progress: number | RemixOutputReady;
  result?: RemixJobResult;
  failedReason?: string;
  createdAt: number;
  startedAt?: number;
}

/**
 * The in-memory RemixQueue for unit tests, held to BullRemixQueue's behaviour by remix-queue.contract.ts:
 * positions by priority then arrival, a tombstone for a cancelled queued remix, 'signalled' for a running one,
 * 'finished' once the output is announced. The worker's side (`take`, `progress`, `complete`, `fail`) is
 * driven by the test and, given a MemoryRemixEvents, announced there as BullMQ's QueueEvents would.
 */
export class MemoryRemixQueue implements RemixQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly tombstones = new Map<string, { data: RemixJobData; createdAt: number }>();
  private seq = 0;
  /** Running remixes a cancel asked the worker to stop. */
  readonly signalled = new Set<string>();
  adds = 0;

  constructor(
    private readonly events?: MemoryRemixEvents,
    /** When a remix is added or starts (tests pin it). */
    private readonly now: () => number = Date.now,
  ) {}

  async add(data: RemixJobData, options: { priority?: number } = {}): Promise<void> {
    this.adds++;
    if (this.jobs.has(data.remixId)) return;
    const priority = Math.max(1, Math.round(options.priority ?? 1));
    this.jobs.set(data.remixId, { data, priority, seq: this.seq++, state: 'waiting', progress: 0, createdAt: this.now() });
  }

  async find(id: string): Promise<RemixSnapshot | null> {
    const job = this.jobs.get(id);
    if (!job) {
      const t = this.tombstones.get(id);
      return t ? { data: t.data, state: 'cancelled', progress: 0, createdAt: t.createdAt } : null;
    }
    const state = stateOf(job);
    const snapshot: RemixSnapshot = { data: job.data, state, progress: progressOf(job.progress), createdAt: job.createdAt };
    if (state === 'queued') snapshot.position = this.waiting().findIndex((j) => j === job) + 1;
    if (state === 'running' && job.startedAt) snapshot.startedAt = job.startedAt;
    const ready = state === 'running' ? outputReadyOf(job.progress) : undefined;
    if (ready) snapshot.ready = ready;
    if (state === 'completed' && job.result) snapshot.result = job.result;
    if (state === 'failed') snapshot.failedReason = job.failedReason;
    return snapshot;
  }

  async cancel(id: string): Promise<CancelOutcome> {
    const job = this.jobs.get(id);
    if (!job) return this.tombstones.has(id) ? 'cancelled' : 'missing';
    if (job.state === 'completed') return 'finished';
    if (job.state === 'failed') return job.failedReason === CANCELLED ? 'cancelled' : 'finished';
    if (job.state === 'active') {
      if (outputReadyOf(job.progress)) return 'finished';
      this.signalled.add(id);
      return 'signalled';
    }
    this.jobs.delete(id);
    this.tombstones.set(id, { data: job.data, createdAt: job.createdAt });
    this.events?.emit(id, { type: 'cancelled' });
    this.events?.moved();
    return 'removed';
  }

  async states(ids: string[]): Promise<Map<string, JobState | null>> {
    return new Map(await Promise.all(ids.map(async (id) => [id, (await this.find(id))?.state ?? null] as const)));
  }

  async capacity(): Promise<number> {
    return 1;
  }

  async workAhead(id: string): Promise<WorkAhead | null> {
    const waiting = this.waiting();
    const index = waiting.findIndex((j) => j.data.remixId === id);
    if (index < 0) return null;
    const running = [...this.jobs.values()]
      .filter((j) => j.state === 'active')
      .map((j) => ({ model: j.data.model, ...(j.startedAt ? { startedAt: j.startedAt } : {}) }));
    return { queued: waiting.slice(0, index).map((j) => j.data.model), queuedCount: index, running };
  }

  async ping(): Promise<boolean> {
    return true;
  }

  // ─── The worker's side, for tests ──────────────────────────────────────────────────────────────────────

  /** Starts the next remix (lowest priority, then first to arrive), as a worker taking a job does. */
  async take(): Promise<string | undefined> {
    const next = this.waiting()[0];
    if (!next) return undefined;
    next.state = 'active';
    next.startedAt = this.now();
    this.events?.emit(next.data.remixId, { type: 'active' });
    this.events?.moved();
    return next.data.remixId;
  }

  /** A fraction 0..1, or the announcement of the stored output. */
  async progress(id: string, progress: number | RemixOutputReady): Promise<void> {
    const job = this.active(id);
    job.progress = progress;
    this.events?.emit(id, outputReadyOf(progress) ? { type: 'ready' } : { type: 'progress', progress: progressOf(progress) });
  }

  async complete(id: string, result: RemixJobResult): Promise<void> {
    const job = this.active(id);
    Object.assign(job, { state: 'completed', result });
    this.events?.emit(id, { type: 'completed' });
  }

  /** Fails the job; the reason `cancelled` is how a stopped remix ends. */
  async fail(id: string, reason: string): Promise<void> {
    const job = this.active(id);
    Object.assign(job, { state: 'failed', failedReason: reason });
    this.events?.emit(id, reason === CANCELLED ? { type: 'cancelled' } : { type: 'failed', error: reason });
  }

  private active(id: string): Job {
    const job = this.jobs.get(id);
    if (job?.state !== 'active') throw new Error(`remix ${id} is not running`);
    return job;
  }

  private waiting(): Job[] {
    return [...this.jobs.values()].filter((j) => j.state === 'waiting').sort((a, b) => a.priority - b.priority || a.seq - b.seq);
  }
}

function stateOf(job: Job): JobState {
  if (job.state === 'waiting') return 'queued';
  if (job.state === 'active') return 'running';
  if (job.state === 'failed') return job.failedReason === CANCELLED ? 'cancelled' : 'failed';
  return 'completed';
}
