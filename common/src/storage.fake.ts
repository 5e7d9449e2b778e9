import { assertStorageKey, StorageFullError, type ObjectStorage, type StorageSpace, type StoredObject } from './storage';

/**
 * The in-memory ObjectStorage for unit tests: the one fake of the port, held to the same contract as
 * LocalDirStorage by storage.contract.ts (keys checked alike, missing objects fail alike).
 */
export class MemoryStorage implements ObjectStorage {
  readonly objects = new Map<string, Buffer>();
  /** When each key was last put (a key set on `objects` directly counts as written now). */
  readonly modifiedAt = new Map<string, Date>();

  /** `capacityBytes`: the room a test gives it (none: unbounded); a put past it fails like a full disk. */
  constructor(private readonly options: { capacityBytes?: number } = {}) {}

  async put(key: string, data: Uint8Array): Promise<void> {
    assertStorageKey(key);
    const { freeBytes } = await this.space();
    if (data.length > freeBytes + (this.objects.get(key)?.length ?? 0)) throw new StorageFullError();
    this.objects.set(key, Buffer.from(data));
    this.modifiedAt.set(key, new Date());
  }

  async get(key: string): Promise<Buffer> {
    assertStorageKey(key);
    const data = this.objects.get(key);
    if (!data) throw Object.assign(new Error(`ENOENT: no such object ${key}`), { code: 'ENOENT' });
    return data;
  }

  async exists(key: string): Promise<boolean> {
    assertStorageKey(key);
    return this.objects.has(key);
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    this.objects.delete(key);
    this.modifiedAt.delete(key);
  }

  async space(): Promise<StorageSpace> {
    const total = this.options.capacityBytes ?? Infinity;
    let used = 0;
    for (const data of this.objects.values()) used += data.length;
    return { freeBytes: Math.max(0, total - used), totalBytes: total };
  }

  async *list(prefix: string): AsyncGenerator<StoredObject> {
    assertStoragePrefix(prefix);
    for (const [key, data] of [...this.objects]) {
      if (key.startsWith(prefix)) yield { key, size: data.length, modifiedAt: this.modifiedAt.get(key) ?? new Date() };
    }
  }
}

function assertStoragePrefix(prefix: string): void {
  if (prefix.includes('..') || prefix.includes('//') || prefix.startsWith('/')) throw new Error(`invalid storage prefix: ${prefix}`);
}
