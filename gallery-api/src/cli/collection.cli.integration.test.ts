import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { LICENCES, writeCollectionFolder } from '../importers/folder.fixtures';
import { collectionCli } from '../testing/collection-cli';

let db: TestDatabase;
let storageDir: string;
let folder: string;

beforeAll(async () => {
  db = await createTestDatabase();
  storageDir = await mkdtemp(join(tmpdir(), 'atelier-cli-storage-'));
  folder = await writeCollectionFolder([
    { id: 'open', title: 'Open Work', licence: LICENCES.cc0 },
    { id: 'closed', title: 'Closed Work', licence: LICENCES.nd },
  ]);
});

afterAll(async () => {
  await db?.drop();
  for (const dir of [storageDir, folder]) if (dir) await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => collectionCli({ DATABASE_URL: db.url, GALLERY_STORAGE_DIR: storageDir }, ...args);

describe('npm run collection', () => {
  it('prints help', async () => {
    const res = await cli('--help');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('import-folder <dir>');
  });

  it('refuses bad usage with exit code 2', async () => {
    expect((await cli('import-folder')).code).toBe(2);
    expect((await cli('frobnicate')).stderr).toContain('unknown command: frobnicate');
  });

  it('imports a folder, reports refusals with exit code 0, and is idempotent', async () => {
    const first = await cli('import-folder', folder);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^imported 1, updated 0, unchanged 0, refused 1\n {2}refused closed: No-derivatives licence/);

    const second = await cli('import-folder', folder);
    expect(second.stdout).toMatch(/^imported 0, updated 0, unchanged 1, refused 1\n/);

    const status = await cli('status');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('collection works: 1 accepted, 1 refused');
    expect(status.stdout).toMatch(/accepted {2}cc0 +1/);
  });

  it('exits non-zero on a broken works.json and names the problem', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'atelier-broken-'));
    try {
      await writeFile(join(broken, 'works.json'), JSON.stringify({ works: [{ id: 'x', licence: LICENCES.cc0 }] }));
      const res = await cli('import-folder', broken);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('works.json is not valid');
      expect(res.stderr).toContain('works[0] (id "x").title');
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});
