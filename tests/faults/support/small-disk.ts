import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDirStorage, type ObjectStorage } from '@atelier/common/storage';
import { MemoryStorage } from '@atelier/common/storage.fake';

/**
 * A small disk a test can fill: a real tmpfs of `sizeMb` where the test may mount one (root, or a container that
 * allows it), so writes fail with the kernel's own ENOSPC; elsewhere common's MemoryStorage with that capacity, which
 * throws StorageFullError where a full disk would. `kind` says which one ran, for the figures.
 */
export interface SmallDisk {
  kind: 'tmpfs' | 'stand-in';
  /** A storage in its own folder on the disk. */
  storage(name: string): ObjectStorage;
  /** The folder of `storage(name)` (tmpfs only). */
  dir(name: string): string | undefined;
  /** Takes all the room but `leaveBytes` with a file that is no object of any storage. */
  fill(leaveBytes: number): Promise<void>;
  /** Gives the room back. */
  free(): Promise<void>;
  freeBytes(): Promise<number>;
  close(): Promise<void>;
}

/** Whether this process may mount a tmpfs (checked once, with a 1 MB one mounted and unmounted at once). */
export const CAN_MOUNT_TMPFS = (() => {
  const probe = join(tmpdir(), `faults-probe-${process.pid}-${Date.now()}`);
  if (spawnSync('mkdir', ['-p', probe]).status !== 0) return false;
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' }).status === 0;
  if (ok) spawnSync('umount', [probe], { stdio: 'ignore' });
  spawnSync('rmdir', [probe]);
  return ok;
})();

export async function smallDisk(sizeMb: number): Promise<SmallDisk> {
  const root = await mkdtemp(join(tmpdir(), 'faults-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', root], { stdio: 'ignore' }).status === 0;
  if (mounted) {
    const filler = join(root, '.filler'); // a dot file: no storage key, never listed or swept
    const stores = new Map<string, LocalDirStorage>();
    const freeBytes = async () => {
      const fs = await statfs(root);
      return fs.bavail * fs.bsize;
    };
    return {
      kind: 'tmpfs',
      storage: (name) => stores.get(name) ?? (stores.set(name, new LocalDirStorage(join(root, name))), stores.get(name)!),
      dir: (name) => join(root, name),
      async fill(leaveBytes) {
        await rm(filler, { force: true });
        const bytes = (await freeBytes()) - leaveBytes;
        if (bytes > 0) await writeFile(filler, Buffer.alloc(bytes));
      },
      free: () => rm(filler, { force: true }),
      freeBytes,
      async close() {
        spawnSync('umount', [root], { stdio: 'ignore' });
        await rm(root, { recursive: true, force: true });
      },
    };
  }
  await rm(root, { recursive: true, force: true });
  // One capacity shared by every storage of the "disk", as folders of one file system share it.
  const capacity = sizeMb * 1024 * 1024;
  let filled = 0;
  const stores = new Map<string, MemoryStorage>();
  const used = () => [...stores.values()].reduce((n, s) => n + [...s.objects.values()].reduce((m, b) => m + b.length, 0), 0) + filled;
  class SharedDisk extends MemoryStorage {
    override async space() {
      return { freeBytes: Math.max(0, capacity - used()), totalBytes: capacity };
    }
  }
  return {
    kind: 'stand-in',
    storage: (name) => stores.get(name) ?? (stores.set(name, new SharedDisk()), stores.get(name)!),
    dir: () => undefined,
    async fill(leaveBytes) {
      filled = 0;
      filled = Math.max(0, capacity - used() - leaveBytes);
    },
    async free() {
      filled = 0;
    },
    freeBytes: async () => Math.max(0, capacity - used()),
    close: async () => undefined,
  };
}

/** Every `put` temporary (`*.tmp`) left anywhere under `dir`. */
export async function temporaries(dir: string | undefined): Promise<string[]> {
  if (!dir) return [];
  await mkdir(dir, { recursive: true });
  const { readdir } = await import('node:fs/promises');
  return (await readdir(dir, { recursive: true })).filter((f) => String(f).endsWith('.tmp')).map(String);
}
