import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { HEARTBEAT_MS, HEARTBEAT_TTL_MS, remixKeys } from '../jobs/control';
import type { WorkerPresence } from '../services/worker-presence';

/** What a worker says about itself beside its heartbeat: enough for another worker to tell that it died. */
export interface WorkerInfo {
  host: string;
  pid: number;
  concurrency: number;
  startedAt: number;
  /** The models it has loaded and warmed (absent: it says nothing, as workers before this field did). */
  ready?: string[];
}

/**
 * Worker heartbeats in Redis: a sorted set of worker ids scored by when each heartbeat lapses, and each worker's
 * host and pid. Workers `beat` (worker.ts, every HEARTBEAT_MS); the API counts the live ones (WorkerPresence).
 */
export class RedisWorkerRegistry implements WorkerPresence {
  private readonly keys;
  private readonly changes = new EventEmitter();
  private last: number | undefined;
  private watching: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = remixKeys(prefix);
    this.changes.setMaxListeners(0);
  }

  /** Announces (or renews) a worker: alive for HEARTBEAT_TTL_MS from now. */
  async beat(id: string, info: WorkerInfo): Promise<void> {
    await this.redis
      .multi()
      .zadd(this.keys.workers, this.now() + HEARTBEAT_TTL_MS, id)
      .hset(this.keys.workerInfo, id, JSON.stringify(info))
      .exec();
  }

  /** A worker that stops on purpose leaves at once. */
  async leave(id: string): Promise<void> {
    await this.redis.multi().zrem(this.keys.workers, id).hdel(this.keys.workerInfo, id).exec();
  }

  /** Live workers with what they said about themselves; lapsed ones are forgotten on the way. */
  async alive(): Promise<Map<string, WorkerInfo | null>> {
    const now = this.now();
    const lapsed = await this.redis.zrangebyscore(this.keys.workers, '-inf', now);
    if (lapsed.length) await this.redis.multi().zrem(this.keys.workers, ...lapsed).hdel(this.keys.workerInfo, ...lapsed).exec();
    const ids = await this.redis.zrangebyscore(this.keys.workers, now, '+inf');
    const infos = ids.length ? await this.redis.hmget(this.keys.workerInfo, ...ids) : [];
    return new Map(ids.map((id, i) => [id, parseInfo(infos[i])]));
  }

  /** What a worker id said about itself, live or not (null when nothing is known). */
  async info(id: string): Promise<WorkerInfo | null> {
    return parseInfo(await this.redis.hget(this.keys.workerInfo, id));
  }

  /** The models some live worker has warmed; null when no live worker says (all are taken as ready then). */
  async readyModels(): Promise<ReadonlySet<string> | null> {
    const infos = [...(await this.alive()).values()];
    if (!infos.length || infos.some((i) => !i?.ready)) return infos.length ? null : new Set();
    return new Set(infos.flatMap((i) => i!.ready!));
  }

  async count(): Promise<number> {
    const n = await this.redis.zcount(this.keys.workers, this.now(), '+inf');
    this.noteCount(n);
    return n;
  }

  onChange(listener: (count: number) => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }

  /**
   * Reads the count every heartbeat period, so a worker that died (and stopped beating) is noticed within
   * HEARTBEAT_TTL_MS + HEARTBEAT_MS, and listeners hear when workers go to zero or come back. The API runs one.
   */
  watch(intervalMs = HEARTBEAT_MS): () => void {
    this.watching ??= setInterval(() => void this.count().catch(() => undefined), intervalMs);
    this.watching.unref();
    return () => {
      clearInterval(this.watching);
      this.watching = undefined;
    };
  }

  private noteCount(n: number): void {
    const before = this.last;
    this.last = n;
    if (before !== undefined && (before === 0) !== (n === 0)) this.changes.emit('change', n);
  }
}

function parseInfo(raw: string | null | undefined): WorkerInfo | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as WorkerInfo;
  } catch {
    return null;
  }
}

/** This process as a worker describes itself. */
export const thisWorker = (concurrency: number): WorkerInfo => ({ host: hostname(), pid: process.pid, concurrency, startedAt: Date.now() });

/**
 * Keeps a worker's heartbeat going until stopped (then it leaves the registry). A beat that fails (Redis down) is
 * tried again at the next period; the worker lapses from the count if Redis stays away. `info` is read at every
 * beat, and `beatNow` says a change (a model warmed) at once.
 */
export function keepBeating(
  registry: RedisWorkerRegistry,
  id: string,
  info: () => WorkerInfo,
  intervalMs = HEARTBEAT_MS,
): { stop(): Promise<void>; beatNow(): Promise<void> } {
  const beat = () => registry.beat(id, info()).catch(() => undefined);
  void beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return {
    beatNow: beat,
    async stop() {
      clearInterval(timer);
      await registry.leave(id).catch(() => undefined);
    },
  };
}
