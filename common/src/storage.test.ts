import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalDirStorage } from './storage';

describe('LocalDirStorage', () => {
  it('stores, reads, checks and deletes by key', async () => {
    const s = new LocalDirStorage(await mkdtemp(join(tmpdir(), 'store-')));
    await s.put('works/a/thumb.webp', Buffer.from('abc'));
    expect((await s.get('works/a/thumb.webp')).toString()).toBe('abc');
    expect(await s.exists('works/a/thumb.webp')).toBe(true);
    await s.delete('works/a/thumb.webp');
    expect(await s.exists('works/a/thumb.webp')).toBe(false);
  });

  it('leaves no temporary files behind', async () => {
    const root = await mkdtemp(join(tmpdir(), 'store-'));
    const s = new LocalDirStorage(root);
    await s.put('x/y.png', Buffer.from('1'));
    await s.put('x/y.png', Buffer.from('2'));
    expect(await readdir(join(root, 'x'))).toEqual(['y.png']);
  });

  it.each(['../etc/passwd', '/abs', 'a/../../b', 'a//b', ''])('refuses the key %j', async (key) => {
    const s = new LocalDirStorage(await mkdtemp(join(tmpdir(), 'store-')));
    await expect(s.put(key, Buffer.from('x'))).rejects.toThrow();
  });
});
