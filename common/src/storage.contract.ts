import { describe, expect, it } from 'vitest';
import type { ObjectStorage } from './storage';

/**
 * What every ObjectStorage does, run against the real one and the fake alike (storage.test.ts), so the fake
 * the unit tests use cannot drift from what it stands for.
 */
export function describeObjectStorage(name: string, make: () => Promise<ObjectStorage>): void {
  const listed = async (s: ObjectStorage, prefix: string) => {
    const out = [];
    for await (const o of s.list(prefix)) out.push(o);
    return out.sort((a, b) => a.key.localeCompare(b.key));
  };

  describe(`${name}: the ObjectStorage contract`, () => {
    it('stores, reads, checks and deletes by key; a put replaces', async () => {
      const s = await make();
      await s.put('works/a/thumb.webp', Buffer.from('abc'));
      await s.put('works/a/thumb.webp', Buffer.from('abcd'));
      expect((await s.get('works/a/thumb.webp')).toString()).toBe('abcd');
      expect(await s.exists('works/a/thumb.webp')).toBe(true);
      await s.delete('works/a/thumb.webp');
      expect(await s.exists('works/a/thumb.webp')).toBe(false);
      await s.delete('works/a/thumb.webp'); // deleting twice is fine
    });

    it('fails to read a missing object with ENOENT', async () => {
      const s = await make();
      await expect(s.get('outputs/none.png')).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it.each(['../etc/passwd', '/abs', 'a/../../b', 'a//b', '', '.hidden', 'with space.png'])('refuses the key %j everywhere', async (key) => {
      const s = await make();
      await expect(s.put(key, Buffer.from('x'))).rejects.toThrow();
      await expect(s.get(key)).rejects.toThrow();
      await expect(s.exists(key)).rejects.toThrow();
      await expect(s.delete(key)).rejects.toThrow();
    });

    it('lists every object under a plain string prefix, nested keys included, with its size', async () => {
      const s = await make();
      await s.put('inputs/a.png', Buffer.from('12345'));
      await s.put('inputs/deep/b.png', Buffer.from('1'));
      await s.put('outputs/a.png', Buffer.from('12'));
      await s.put('inputsx.png', Buffer.from('1'));
      const inputs = await listed(s, 'inputs/');
      expect(inputs.map((o) => o.key)).toEqual(['inputs/a.png', 'inputs/deep/b.png']);
      expect(inputs[0]).toMatchObject({ size: 5 });
      expect(Date.now() - inputs[1]!.modifiedAt.getTime()).toBeLessThan(60_000);
      expect((await listed(s, 'inputs')).map((o) => o.key)).toEqual(['inputs/a.png', 'inputs/deep/b.png', 'inputsx.png']);
      expect(await listed(s, '')).toHaveLength(4);
      expect(await listed(s, 'none/')).toEqual([]);
    });

    it('says how much room is left', async () => {
      const s = await make();
      const { freeBytes, totalBytes } = await s.space();
      expect(freeBytes).toBeGreaterThan(0);
      expect(totalBytes).toBeGreaterThanOrEqual(freeBytes);
    });

    it.each(['../', 'a/../b/', 'a//'])('refuses the prefix %j', async (prefix) => {
      const s = await make();
      await expect(listed(s, prefix)).rejects.toThrow();
    });
  });
}
