import { mkdir, mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStorageFull, LocalDirStorage, StorageFullError } from './storage';
import { describeObjectStorage } from './storage.contract';
import { MemoryStorage } from './storage.fake';

describeObjectStorage('LocalDirStorage', async () => new LocalDirStorage(await mkdtemp(join(tmpdir(), 'store-'))));
describeObjectStorage('MemoryStorage', async () => new MemoryStorage());

describe('LocalDirStorage', () => {
  it('leaves no temporary files behind', async () => {
    const root = await mkdtemp(join(tmpdir(), 'store-'));
    const s = new LocalDirStorage(root);
    await s.put('x/y.png', Buffer.from('1'));
    await s.put('x/y.png', Buffer.from('2'));
    expect(await readdir(join(root, 'x'))).toEqual(['y.png']);
  });

  it('removes the temporary file of a write that failed', async () => {
    const root = await mkdtemp(join(tmpdir(), 'store-'));
    const s = new LocalDirStorage(root);
    await mkdir(join(root, 'x', 'y.png'), { recursive: true }); // the rename onto a folder fails
    await expect(s.put('x/y.png', Buffer.from('1'))).rejects.toThrow();
    expect(await readdir(join(root, 'x'))).toEqual(['y.png']);
  });

  it('removes empty folders last changed before a time, and keeps the rest', async () => {
    const root = await mkdtemp(join(tmpdir(), 'store-'));
    const s = new LocalDirStorage(root);
    await mkdir(join(root, 'creations', 'empty-old'), { recursive: true });
    await mkdir(join(root, 'creations', 'empty-new'), { recursive: true });
    await s.put('creations/full/a.png', Buffer.from('1'));
    const old = new Date(Date.now() - 3600_000);
    await utimes(join(root, 'creations', 'empty-old'), old, old);
    await utimes(join(root, 'creations', 'full'), old, old);
    expect(await s.removeEmptyFolders('creations/', new Date(Date.now() - 60_000))).toBe(1);
    expect((await readdir(join(root, 'creations'))).sort()).toEqual(['empty-new', 'full']);
    expect(await s.removeEmptyFolders('none/', new Date())).toBe(0);
  });

  describe('list', () => {
    const listed = async (s: LocalDirStorage, prefix: string) => {
      const out = [];
      for await (const o of s.list(prefix)) out.push(o);
      return out.sort((a, b) => a.key.localeCompare(b.key));
    };

    it('yields key, size and modification time of every object under the prefix, nested ones included', async () => {
      const root = await mkdtemp(join(tmpdir(), 'store-'));
      const s = new LocalDirStorage(root);
      await s.put('inputs/a.png', Buffer.from('12345'));
      await s.put('inputs/deep/b.png', Buffer.from('1'));
      await s.put('outputs/a.png', Buffer.from('12'));
      await s.put('inputsx.png', Buffer.from('1'));
      const old = new Date('2024-03-01T12:00:00Z');
      await utimes(join(root, 'inputs/a.png'), old, old);

      const inputs = await listed(s, 'inputs/');
      expect(inputs.map((o) => o.key)).toEqual(['inputs/a.png', 'inputs/deep/b.png']);
      expect(inputs[0]).toMatchObject({ size: 5 });
      expect(inputs[0]!.modifiedAt.getTime()).toBe(old.getTime());
      expect(Date.now() - inputs[1]!.modifiedAt.getTime()).toBeLessThan(60_000);
      // A plain string prefix, as object stores have it; '' is everything.
      expect((await listed(s, 'inputs')).map((o) => o.key)).toEqual(['inputs/a.png', 'inputs/deep/b.png', 'inputsx.png']);
      expect((await listed(s, 'inputs/de')).map((o) => o.key)).toEqual(['inputs/deep/b.png']);
      expect(await listed(s, '')).toHaveLength(4);
    });

    it('lists nothing for a prefix with no folder, and skips temporaries and names that are not keys', async () => {
      const root = await mkdtemp(join(tmpdir(), 'store-'));
      const s = new LocalDirStorage(root);
      expect(await listed(s, 'outputs/')).toEqual([]);
      await mkdir(join(root, 'outputs'));
      await writeFile(join(root, 'outputs', 'x.png.0b7a3c1e-8d2f-4c55-9a61-2f3e4d5c6b7a.tmp'), 'half');
      await writeFile(join(root, 'outputs', '.DS_Store'), 'x');
      await writeFile(join(root, 'outputs', 'with space.png'), 'x');
      await s.put('outputs/real.png', Buffer.from('x'));
      expect((await listed(s, 'outputs/')).map((o) => o.key)).toEqual(['outputs/real.png']);
    });

    it('removes the temporaries an interrupted write left, only once they are older than asked', async () => {
      const root = await mkdtemp(join(tmpdir(), 'store-'));
      const s = new LocalDirStorage(root);
      await mkdir(join(root, 'outputs'));
      await mkdir(join(root, 'inputs'));
      const stale = join(root, 'outputs', 'a.png.0b7a3c1e-8d2f-4c55-9a61-2f3e4d5c6b7a.tmp');
      const fresh = join(root, 'outputs', 'b.png.1b7a3c1e-8d2f-4c55-9a61-2f3e4d5c6b7a.tmp');
      const elsewhere = join(root, 'inputs', 'c.png.2b7a3c1e-8d2f-4c55-9a61-2f3e4d5c6b7a.tmp');
      for (const f of [stale, fresh, elsewhere]) await writeFile(f, 'half');
      const hourAgo = new Date(Date.now() - 3_600_000);
      await utimes(stale, hourAgo, hourAgo);
      await utimes(elsewhere, hourAgo, hourAgo);
      await s.put('outputs/real.png', Buffer.from('x'));
      await utimes(join(root, 'outputs', 'real.png'), hourAgo, hourAgo);

      expect(await s.removeStaleTemporaries('outputs/', new Date(Date.now() - 60_000))).toBe(1);
      expect(await readdir(join(root, 'outputs'))).toEqual(expect.arrayContaining(['real.png', 'b.png.1b7a3c1e-8d2f-4c55-9a61-2f3e4d5c6b7a.tmp']));
      expect(await readdir(join(root, 'outputs'))).toHaveLength(2);
      expect(await readdir(join(root, 'inputs'))).toHaveLength(1); // another prefix is not touched
    });

    it('keeps listing while the objects it yields are deleted', async () => {
      const s = new LocalDirStorage(await mkdtemp(join(tmpdir(), 'store-')));
      const keys = Array.from({ length: 50 }, (_, i) => `inputs/${String(i).padStart(2, '0')}.png`);
      for (const key of keys) await s.put(key, Buffer.from('x'));
      const seen: string[] = [];
      for await (const o of s.list('inputs/')) {
        seen.push(o.key);
        await s.delete(o.key);
      }
      expect(seen.sort()).toEqual(keys);
      expect(await listed(s, 'inputs/')).toEqual([]);
    });

    it.each(['../', 'a/../b/', 'a//'])('refuses the prefix %j', async (prefix) => {
      const s = new LocalDirStorage(await mkdtemp(join(tmpdir(), 'store-')));
      await expect(listed(s, prefix)).rejects.toThrow();
    });
  });
});

describe('a full storage', () => {
  it('is told apart from other failures, however it was wrapped', () => {
    expect(isStorageFull(new StorageFullError())).toBe(true);
    expect(isStorageFull(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toBe(true);
    expect(isStorageFull(new Error('outer', { cause: Object.assign(new Error('quota'), { code: 'EDQUOT' }) }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toBe(false);
  });

  it('MemoryStorage refuses a put past its capacity and keeps what it had', async () => {
    const s = new MemoryStorage({ capacityBytes: 10 });
    await s.put('a/b.png', Buffer.alloc(6));
    await expect(s.put('a/c.png', Buffer.alloc(6))).rejects.toBeInstanceOf(StorageFullError);
    await s.put('a/b.png', Buffer.alloc(10)); // a replace counts the room the old object frees
    expect(await s.space()).toEqual({ freeBytes: 0, totalBytes: 10 });
    expect([...s.objects.keys()]).toEqual(['a/b.png']);
  });
});
