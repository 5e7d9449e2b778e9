import type { Dir } from 'node:fs';
import { mkdir, opendir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
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
    await mkdir(dirname(target), { recursive: true });
    // Write then rename, so a crash never leaves a half-written image under the real key.
    const tmp = `${target}.${randomUUID()}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, target);
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
