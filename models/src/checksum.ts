import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

interface CacheEntry {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

/**
 * Hashing an 88 MB model takes about a second, so a file is rehashed only when its size, mtime or inode
 * changed since the last check (a replaced file gets a new inode or mtime).
 */
export class ChecksumCache {
  private readonly entries = new Map<string, CacheEntry>();

  /** The file's sha256 and size; throws ENOENT when the file is absent. */
  async hash(path: string): Promise<{ sha256: string; bytes: number }> {
    const st = await stat(path);
    const hit = this.entries.get(path);
    if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs && hit.ino === st.ino) return { sha256: hit.sha256, bytes: st.size };
    const sha256 = await sha256File(path);
    this.entries.set(path, { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, sha256 });
    return { sha256, bytes: st.size };
  }

  get size(): number {
    return this.entries.size;
  }
}
