import type { Dir } from 'node:fs';
import { mkdir, opendir, readdir, readFile, rename, rm, rmdir, stat, statfs, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Where images live. Keys are relative, slash-separated paths such as `works/abc/thumb.webp`.
 * The local directory is the default; an S3 implementation can be added behind the same shape.
 */
export interface ObjectStorage {
  put(key: string, data: Uint8Array): Promise<void>;
  get(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Every object whose key starts with `prefix` (`'inputs/'`, `''` for all), nested keys included, in no
   * particular order. Objects written or deleted while the listing runs may or may not appear.
   */
  list(prefix: string): AsyncIterable<StoredObject>;
  /**
   * Deletes what interrupted writes left under `prefix` (a crash between write and rename) when last
   * touched before `olderThan`; returns how many went. Optional: a store without such leftovers omits it.
   */
  removeStaleTemporaries?(prefix: string, olderThan: Date): Promise<number>;
  /**
   * Removes folders under `prefix` (a folder path ending in `/`) that are empty and were last changed before
   * `olderThan`; returns how many went. Optional: a store without folders omits it. Only for folders nothing writes
   * into again (a creation's, named by its id).
   */
  removeEmptyFolders?(prefix: string, olderThan: Date): Promise<number>;
  /** Room left for new objects (a health check and the upload gate read it). */
  space(): Promise<StorageSpace>;
}

/** What a storage has room for, in bytes (`Infinity` where it has no bound). */
export interface StorageSpace {
  freeBytes: number;
  totalBytes: number;
}

/**
 * A write failed because the storage has no room (ENOSPC, EDQUOT). The error handler answers it 507
 * `storage_full` with a plain message; the interrupted write leaves nothing behind.
 */
export class StorageFullError extends Error {
  readonly code = 'ENOSPC';
  constructor(cause?: unknown) {
    super('the storage is full', { cause });
    this.name = 'StorageFullError';
  }
}

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/** A storage (or file system) error that says there is no room left, however it was wrapped. */
export function isStorageFull(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof StorageFullError) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && FULL_CODES.has(code)) return true;
  }
  return false;
}

/** One object as `list` sees it. */
export interface StoredObject {
  key: string;
  size: number;
  /** When it was last written (a put replaces the whole object). */
  modifiedAt: Date;
}

/** `put`'s temporary files (`<key>.<uuid>.tmp`): a write in progress, not an object. */
const TEMP_FILE = /\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

const KEY_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*(\/[a-zA-Z0-9][a-zA-Z0-9._-]*)*$/;

export function assertStorageKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${key}`);
}

export class LocalDirStorage implements ObjectStorage {
  readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    assertStorageKey(key);
    const p = resolve(join(this.root, key));
    if (!p.startsWith(this.root + sep)) throw new Error(`storage key escapes root: ${key}`);
    return p;
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true }).catch((err: unknown) => {
      throw isStorageFull(err) ? new StorageFullError(err) : err;
    });
    // Write then rename, so a crash never leaves a half-written image under the real key.
    const tmp = `${target}.${randomUUID()}.tmp`;
    try {
      await writeFile(tmp, data);
      await rename(tmp, target);
    } catch (err) {
      // A write that failed (a full disk, most often) leaves no partial file; a crash right here is what the
      // sweepers' removeStaleTemporaries is for.
      await rm(tmp, { force: true }).catch(() => undefined);
      throw isStorageFull(err) ? new StorageFullError(err) : err;
    }
  }

  async space(): Promise<StorageSpace> {
    await mkdir(this.root, { recursive: true });
    const fs = await statfs(this.root);
    // bavail: what an unprivileged writer may still use (root's reserve is not ours to count on).
    return { freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize };
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  async exists(key: string): Promise<boolean> {
    const path = this.path(key); // an invalid key is an error, not "absent"
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async *list(prefix: string): AsyncGenerator<StoredObject> {
    for await (const o of this.walkFrom(prefix)) if (!TEMP_FILE.test(o.key)) yield o;
  }

  async removeStaleTemporaries(prefix: string, olderThan: Date): Promise<number> {
    let removed = 0;
    for await (const o of this.walkFrom(prefix)) {
      if (!TEMP_FILE.test(o.key) || o.modifiedAt >= olderThan) continue;
      await rm(this.path(o.key), { force: true });
      removed++;
    }
    return removed;
  }

  async removeEmptyFolders(prefix: string, olderThan: Date): Promise<number> {
    if (!prefix.endsWith('/')) throw new Error(`a folder prefix ends with '/': ${prefix}`);
    const dirKey = prefix.slice(0, -1);
    let entries: string[];
    try {
      entries = await readdir(this.path(dirKey));
    } catch (err) {
      if (isMissing(err)) return 0;
      throw err;
    }
    let removed = 0;
    for (const name of entries) {
      const key = `${dirKey}/${name}`;
      if (!KEY_PATTERN.test(key)) continue;
      const path = this.path(key);
      try {
        const info = await stat(path);
        if (!info.isDirectory() || info.mtime >= olderThan) continue;
        removed += await this.removeEmptyFolders(`${key}/`, olderThan);
        await rmdir(path); // fails when not empty: kept
        removed++;
      } catch {
        // not empty, or gone meanwhile
      }
    }
    return removed;
  }

  private walkFrom(prefix: string): AsyncGenerator<StoredObject> {
    if (prefix.includes('..')) throw new Error(`invalid storage prefix: ${prefix}`);
    const cut = prefix.lastIndexOf('/');
    return this.walk(cut < 0 ? '' : prefix.slice(0, cut), prefix);
  }

  /**
   * Depth first through `dirKey` (validated like a key), descending only where keys can start with `prefix`;
   * yields files and `put`'s temporaries alike.
   */
  private async *walk(dirKey: string, prefix: string): AsyncGenerator<StoredObject> {
    let dir: Dir;
    try {
      dir = await opendir(dirKey ? this.path(dirKey) : this.root);
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    // opendir streams the entries: a folder of 100 000 remixes is never held in memory at once.
    for await (const entry of dir) {
      const key = dirKey ? `${dirKey}/${entry.name}` : entry.name;
      // A name that is not a valid key (dot files, spaces) cannot be read or deleted through this API.
      if (!KEY_PATTERN.test(key)) continue;
      if (entry.isDirectory()) {
        if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) yield* this.walk(key, prefix);
        continue;
      }
      if (!entry.isFile() || !key.startsWith(prefix)) continue;
      try {
        const info = await stat(join(this.root, key));
        yield { key, size: info.size, modifiedAt: info.mtime };
      } catch (err) {
        if (!isMissing(err)) throw err; // deleted since the directory was read
      }
    }
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
