import type { ObjectStorage } from '@atelier/common/storage';
import type { RegionCache } from '../services/work-region.service';

/**
 * Detail tiles in object storage under `regions/`, bounded in bytes (GALLERY_REGION_CACHE_MB). The index (key,
 * size, last use) lives in memory, loaded from a listing of `regions/` on first use (oldest written first), so a
 * restart keeps the bound. Putting past the bound deletes the least recently used tiles until the cache is at 90 %
 * of it. Another process sharing the storage keeps its own index: a tile it deleted is a miss here.
 */
export class StorageRegionCache implements RegionCache {
  /** Insertion order is recency: a used key is moved to the end. */
  private index: Map<string, number> | null = null;
  private loading: Promise<Map<string, number>> | null = null;
  private total = 0;

  constructor(
    private readonly storage: ObjectStorage,
    private readonly maxBytes: number,
    private readonly prefix = 'regions/',
  ) {}

  async get(key: string): Promise<Uint8Array | null> {
    const index = await this.load();
    const size = index.get(key);
    if (size === undefined) return null;
    index.delete(key);
    index.set(key, size);
    try {
      return await this.storage.get(key);
    } catch {
      this.forget(key);
      return null;
    }
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    if (!key.startsWith(this.prefix)) throw new Error(`region cache keys start with ${this.prefix}: ${key}`);
    if (bytes.byteLength > this.maxBytes) return; // never kept: it would evict everything and still not fit
    const index = await this.load();
    await this.storage.put(key, bytes);
    this.forget(key);
    index.set(key, bytes.byteLength);
    this.total += bytes.byteLength;
    if (this.total > this.maxBytes) await this.evict(Math.floor(this.maxBytes * 0.9));
  }

  /** Bytes and tiles held now (for tests and status). */
  async usage(): Promise<{ bytes: number; tiles: number }> {
    const index = await this.load();
    return { bytes: this.total, tiles: index.size };
  }

  private async evict(target: number): Promise<void> {
    const index = await this.load();
    for (const [key] of index) {
      if (this.total <= target) break;
      this.forget(key);
      await this.storage.delete(key).catch(() => undefined);
    }
  }

  private forget(key: string): void {
    const size = this.index?.get(key);
    if (size === undefined) return;
    this.index?.delete(key);
    this.total -= size;
  }

  private load(): Promise<Map<string, number>> {
    if (this.index) return Promise.resolve(this.index);
    this.loading ??= (async () => {
      const found: { key: string; size: number; at: number }[] = [];
      for await (const o of this.storage.list(this.prefix)) found.push({ key: o.key, size: o.size, at: o.modifiedAt.getTime() });
      found.sort((a, b) => a.at - b.at);
      const index = new Map<string, number>();
      for (const f of found) index.set(f.key, f.size);
      this.total = found.reduce((n, f) => n + f.size, 0);
      this.index = index;
      if (this.total > this.maxBytes) await this.evict(Math.floor(this.maxBytes * 0.9));
      return index;
    })();
    // A listing that failed is tried again on the next use rather than remembered.
    this.loading.catch(() => {
      this.loading = null;
    });
    return this.loading;
  }
}
