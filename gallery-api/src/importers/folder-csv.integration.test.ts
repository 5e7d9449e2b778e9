import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollection, type TestCollection } from '../testing/test-collection';
import { folderCsvManifest } from './folder-csv';
import { BrokenManifestError, parseFolderManifest } from './folder-manifest';
import { importFolder } from './folder.importer';

const CSV = `\uFEFFid,file,title,creator,creator_life,date,description,licence,landing_url,notes\r
harbour,harbour.jpg,"Harbour, at dusk",Jan van Goyen,1596–1656,1645,"Ships in a calm harbour;
the light of the evening",https://creativecommons.org/publicdomain/mark/1.0/,https://museum.example/harbour,ignored\r
nc-print,harbour.jpg,"The ""little"" print",,,,,https://creativecommons.org/licenses/by-nc/4.0/,,\r
`;

let c: TestCollection;
let deps: TestCollection['importing'];
const dirs: string[] = [];

beforeAll(async () => {
  c = await startTestCollection();
  deps = c.importing;
});

afterAll(async () => {
  await c?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-csv-'));
  dirs.push(dir);
  await writeFile(join(dir, 'harbour.jpg'), await sharp({ create: { width: 64, height: 48, channels: 3, background: '#357' } }).jpeg().toBuffer());
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('works.csv', () => {
  it('maps its columns onto the works.json shape (quotes, line breaks, BOM, unknown columns)', () => {
    const [harbour, nc] = parseFolderManifest(folderCsvManifest(CSV), 'works.csv');
    expect(harbour).toMatchObject({
      id: 'harbour', file: 'harbour.jpg', title: 'Harbour, at dusk', creator: { name: 'Jan van Goyen', life: '1596–1656' },
      date: '1645', description: 'Ships in a calm harbour;\nthe light of the evening', landingUrl: 'https://museum.example/harbour',
    });
    expect(nc).toMatchObject({ id: 'nc-print', title: 'The "little" print', landingUrl: null });
    expect(nc?.creator ?? null).toBeNull();
  });

  it('imports through the same rules as works.json, then finds the works unchanged', async () => {
    const dir = await folderWith({ 'works.csv': CSV });
    expect(await importFolder(dir, deps)).toMatchObject({ imported: 1, refused: 1, failed: 0 });
    expect(await deps.works.findBySource('local', 'harbour')).toMatchObject({ title: 'Harbour, at dusk', licenceFamily: 'pdm', width: 64 });
    expect((await deps.works.findBySource('local', 'nc-print'))?.refusalReason).toMatch(/Non-commercial/);
    expect(await importFolder(dir, deps)).toMatchObject({ imported: 0, updated: 0, unchanged: 1, refused: 1 });
  });

  it('refuses a broken file, a missing column and two manifests, changing nothing', async () => {
    await expect(importFolder(await folderWith({ 'works.csv': 'id,title\n"open,x\n' }), deps)).rejects.toThrow(/works.csv could not be read: unclosed quote/);
    await expect(importFolder(await folderWith({ 'works.csv': 'id,name\n1,x\n' }), deps)).rejects.toThrow('works.csv has no title column');
    await expect(importFolder(await folderWith({ 'works.csv': 'id,title,landing_url\n1,x,ftp://no\n' }), deps)).rejects.toThrow('works.csv is not valid');
    await expect(importFolder(await folderWith({ 'works.csv': CSV, 'works.json': '{"works":[]}' }), deps)).rejects.toThrow(BrokenManifestError);
    await expect(importFolder(await folderWith({}), deps)).rejects.toThrow('no works.json or works.csv');
  });
});
