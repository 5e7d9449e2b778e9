/**
 * Issue 15, "must show", through the real CLI (`npm run collection`) against the fixture server and the real Postgres:
 * a harvest with one broken record among good ones (the summary counts and names it, the others land), a source
 * that answers in the wrong shape (exit 3, the run recorded as failed), and `status` telling a synced folder import
 * from a failed run.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@atelier/gallery-api/db/test-database';
import { LICENCES, writeCollectionFolder } from '@atelier/gallery-api/importers/folder.fixtures';
import { fixtureText, startFixtureServer, type FixtureServer } from './collection-fixture-server';
import { collectionCli } from '@atelier/gallery-api/testing/collection-cli';

let db: TestDatabase;
let server: FixtureServer;
let storageDir: string;
let folder: string;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startFixtureServer();
  storageDir = await mkdtemp(join(tmpdir(), 'atelier-cli-harvest-'));
  folder = await writeCollectionFolder([{ id: 'open', title: 'Open Work', licence: LICENCES.cc0 }]);
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
  for (const dir of [storageDir, folder]) if (dir) await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => collectionCli({ DATABASE_URL: db.url, GALLERY_STORAGE_DIR: storageDir }, ...args);

const sourceLine = (status: string, source: string) => status.split('\n').find((l) => l.trimStart().startsWith(`${source} `)) ?? '';

describe('npm run collection: one broken record, a source of the wrong shape, and status', () => {
  it('imports the good records of a harvest with one broken record, and the summary counts and names it', async () => {
    const item = JSON.parse(server.localise(fixtureText('smk/item-kks1615-altdorfer.json')));
    const second = { ...item, id: '1170000999_object', object_number: 'KKS1616' };
    // As real data had it: an item without object_number between good ones.
    const broken = { ...item, id: undefined, object_number: undefined };
    server.json('/smk/art/search/', { offset: 0, rows: 100, found: 3, items: [item, broken, second] });

    const run = await cli('import', 'smk', '--base-url', `${server.base}/smk`);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'imported 2, updated 0, unchanged 0, refused 0, failed 1\n' +
        '  failed  (SMK search result 2): the record has no object_number, so it cannot be matched on a later import\n',
    );
    const status = (await cli('status')).stdout;
    expect(sourceLine(status, 'smk')).toMatch(/^ {2}smk +2 accepted +0 refused {3}synced \d{4}-\d\d-\d\dT[\d:.]+Z: imported 2, updated 0, unchanged 0, refused 0, failed 1$/);
  });

  it('stops on an answer of the wrong shape with exit 3 and an error naming what was expected; status shows the run as failed', async () => {
    server.json('/aic/artworks/search', { artworks: [{ id: 1 }], pagination: { total: 1 } });
    const run = await cli('import', 'aic', '--base-url', `${server.base}/aic`);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error: aic could not be read: Art Institute of Chicago search answer: expected a "data" list, got an object with keys artworks, pagination');
    const status = (await cli('status')).stdout;
    expect(sourceLine(status, 'aic')).toMatch(/^ {2}aic +0 accepted +0 refused {3}FAILED \d{4}-[\d\-T:.]+Z: Art Institute of Chicago search answer: expected a "data" list/);
  });

  it('reports a successful folder import as synced, and a broken works.json as failed', async () => {
    const ok = await cli('import-folder', folder);
    expect(ok.code).toBe(0);
    let status = (await cli('status')).stdout;
    expect(sourceLine(status, 'local')).toMatch(/^ {2}local +1 accepted +0 refused {3}synced [\d\-T:.]+Z: imported 1, updated 0, unchanged 0, refused 0, failed 0$/);

    await writeFile(join(folder, 'works.json'), '{ "works": [ { "id": "x" ');
    const broken = await cli('import-folder', folder);
    expect(broken.code).toBe(2);
    status = (await cli('status')).stdout;
    expect(sourceLine(status, 'local')).toMatch(/^ {2}local +1 accepted +0 refused {3}FAILED [\d\-T:.]+Z: works\.json could not be read: .* \(last synced [\d\-T:.]+Z\)$/);
  });
});
