import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalDirStorage } from '@atelier/common';
import { QUEUE_BINDING_KEY, QueueBindingError, assertBoundToQueue, bindStorageToQueue } from './queue-binding';

async function folder() {
  const root = await mkdtemp(join(tmpdir(), 'binding-'));
  return { root, storage: new LocalDirStorage(root) };
}

describe('queue binding of a storage folder', () => {
  it('binds an unbound folder, then accepts the same prefix again', async () => {
    const { root, storage } = await folder();
    expect(await bindStorageToQueue(storage, 'atelier')).toBe('bound');
    expect(JSON.parse(await readFile(join(root, QUEUE_BINDING_KEY), 'utf8'))).toEqual({ queuePrefix: 'atelier' });
    expect(await bindStorageToQueue(storage, 'atelier')).toBe('already bound');
    await expect(assertBoundToQueue(storage, 'atelier')).resolves.toBeUndefined();
  });

  it('refuses another prefix with a message that names both and leaves the binding as it was', async () => {
    const { root, storage } = await folder();
    await bindStorageToQueue(storage, 'atelier');
    const err = await bindStorageToQueue(storage, 'staging').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueBindingError);
    expect((err as Error).message).toMatch(/queue prefix "atelier", but this process uses QUEUE_PREFIX="staging"/);
    await expect(assertBoundToQueue(storage, 'staging')).rejects.toBeInstanceOf(QueueBindingError);
    expect(JSON.parse(await readFile(join(root, QUEUE_BINDING_KEY), 'utf8'))).toEqual({ queuePrefix: 'atelier' });
  });

  it('treats an unreadable binding as another prefix, and an unbound folder as not to be swept', async () => {
    const { root, storage } = await folder();
    await expect(assertBoundToQueue(storage, 'atelier')).rejects.toThrow(/not bound to a queue yet/);
    await writeFile(join(root, QUEUE_BINDING_KEY), 'not json');
    await expect(bindStorageToQueue(storage, 'atelier')).rejects.toThrow(/"\(unreadable\)"/);
  });
});
