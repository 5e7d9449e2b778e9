import type { RegionCache } from './work-region.service';

/** The in-memory region cache for unit tests, held to StorageRegionCache by work-region-cache.contract.ts. */
export class MemoryRegionCache implements RegionCache {
  /** Insertion order is recency. */
  readonly tiles = new Map<string, Uint8Array>();

  constructor(private readonly maxBytes = Infinity) {}

  async get(key: string): Promise<Uint8Array | null> {
    const bytes = this.tiles.get(key);
    if (!bytes) return null;
    this.tiles.delete(key);
    this.tiles.set(key, bytes);
    return bytes;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    if (!key.startsWith('regions/')) throw new Error(`region cache keys start with regions/: ${key}`);
    if (bytes.byteLength > this.maxBytes) return;
    this.tiles.delete(key);
    this.tiles.set(key, bytes);
    if (this.bytes() > this.maxBytes) {
      for (const [k] of this.tiles) {
        if (this.bytes() <= Math.floor(this.maxBytes * 0.9)) break;
        this.tiles.delete(k);
      }
    }
  }

  bytes(): number {
    return [...this.tiles.values()].reduce((n, b) => n + b.byteLength, 0);
  }
}
