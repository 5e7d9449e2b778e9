import type * as ort from 'onnxruntime-node';
import type { SessionFactory, SessionHints } from './providers';

interface Entry {
  key: string;
  session: ort.InferenceSession;
  cost: number;
  inUse: number;
}

export interface SessionCacheStats {
  loads: number;
  hits: number;
  evictions: number;
  entries: number;
  costBytes: number;
}

/**
 * One InferenceSession per model file per process. Sessions are kept in least-recently-used order and
 * released when the summed cost passes the budget; a session in use by a running job is never released.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>(); // insertion order = LRU order
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly counters = { loads: 0, hits: 0, evictions: 0 };

  constructor(
    private readonly factory: SessionFactory,
    private readonly budgetBytes: number,
  ) {}

  /** Runs `fn` with the session for `path`; `key` must change when the file's content does. */
  async use<T>(key: string, path: string, cost: number, fn: (session: ort.InferenceSession) => Promise<T>, hints?: SessionHints): Promise<T> {
    const entry = await this.acquire(key, path, cost, hints);
    entry.inUse++;
    try {
      return await fn(entry.session);
    } finally {
      entry.inUse--;
      await this.evict();
    }
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  stats(): SessionCacheStats {
    let costBytes = 0;
    for (const e of this.entries.values()) costBytes += e.cost;
    return { ...this.counters, entries: this.entries.size, costBytes };
  }

  async clear(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.session.release()));
  }

  private async acquire(key: string, path: string, cost: number, hints?: SessionHints): Promise<Entry> {
    const hit = this.entries.get(key);
    if (hit) {
      this.counters.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    // Two jobs asking for the same cold model share one load.
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.factory(path, hints).then(({ session }) => {
        this.counters.loads++;
        const entry: Entry = { key, session, cost, inUse: 0 };
        this.entries.set(key, entry);
        return entry;
      });
      this.loading.set(key, pending);
      pending.finally(() => this.loading.delete(key)).catch(() => {});
    }
    return pending;
  }

  private async evict(): Promise<void> {
    let total = 0;
    for (const e of this.entries.values()) total += e.cost;
    for (const e of [...this.entries.values()]) {
      if (total <= this.budgetBytes) break;
      if (e.inUse > 0) continue;
      this.entries.delete(e.key);
      total -= e.cost;
      this.counters.evictions++;
      await e.session.release();
    }
  }
}
