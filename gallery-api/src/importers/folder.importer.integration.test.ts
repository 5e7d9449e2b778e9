import { existsSync } from 'node:fs';
import { readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { startTestCollection, type TestCollection } from '../testing/test-collection';
import { importFolder } from './folder.importer';
import { BrokenManifestError } from './folder-manifest';
import { sha256Hex } from '@atelier/common/hash';
import { cameraJpeg, CAMERA_TRACES, pngClaiming } from '../testing/hostile-images';
import { LICENCES, writeCollectionFolder } from './folder.fixtures';

const SAMPLE_DIR = process.env.COLLECTION_SAMPLE_DIR ?? resolve(REPO_ROOT, '../shared/collection-sample');
const hasSample = existsSync(join(SAMPLE_DIR, 'works.json'));
if (!hasSample) console.warn(`[folder.importer.test] skipping the sample import: no works.json in ${SAMPLE_DIR}`);

let c: TestCollection;
let deps: TestCollection['importing'];
const cleanup: string[] = [];

beforeAll(async () => {
  c = await startTestCollection();
  deps = c.importing;
});

afterAll(async () => {
  await c?.close();
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

async function folder(...args: Parameters<typeof writeCollectionFolder>): Promise<string> {
  const dir = await writeCollectionFolder(...args);
  cleanup.push(dir);
  return dir;
}

async function count(where = 'true'): Promise<number> {
  const { rows } = await c.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM collection_works WHERE ${where}`);
  return Number(rows[0]?.n);
}

describe.skipIf(!hasSample)(`the shared collection sample (${SAMPLE_DIR})`, () => {
  it('imports 12 works, then finds them unchanged', async () => {
    const first = await importFolder(SAMPLE_DIR, deps);
    expect(first).toMatchObject({ imported: 12, updated: 0, unchanged: 0, refused: 0, failed: 0 });
    expect(await count("source = 'local'")).toBe(12);

    const second = await importFolder(SAMPLE_DIR, deps);
    expect(second).toMatchObject({ imported: 0, updated: 0, unchanged: 12, refused: 0, failed: 0 });
    expect(await count("source = 'local'")).toBe(12);
  });

  it('keeps the sha256 of the original, stores a cleaned PNG master, small metadata-free WebP renditions, and both titles', async () => {
    const manifest = JSON.parse(await readFile(join(SAMPLE_DIR, 'works.json'), 'utf8')) as {
      works: { id: string; image: { sha256: string; width: number; height: number } }[];
    };
    const [work] = await deps.works.findByIds(['local-munch-scream']);
    const expected = manifest.works.find((w) => w.id === 'munch-scream');
    expect(work).toMatchObject({
      title: 'The Scream',
      creator: 'Edvard Munch',
      licenceFamily: 'pdm',
      imageSha256: expected?.image.sha256,
      width: expected?.image.width,
      height: expected?.image.height,
    });
    const working = await sharp(await deps.storage.get(work?.imageKeys.working ?? '')).metadata();
    const thumb = await sharp(await deps.storage.get(work?.imageKeys.thumb ?? '')).metadata();
    expect([working.format, Math.max(working.width, working.height), working.exif, working.icc]).toEqual(['webp', 1024, undefined, undefined]);
    expect([thumb.format, Math.max(thumb.width, thumb.height)]).toEqual(['webp', 256]);
    expect((await readdir(join(c.storageDir, 'works', 'local-munch-scream'))).sort()).toEqual(['master.png', 'thumb.webp', 'working.webp']);
    const master = await sharp(await deps.storage.get(work?.imageKeys.original ?? '')).metadata();
    expect([master.format, master.width, master.height, master.exif, master.icc, master.xmp]).toEqual(['png', expected?.image.width, expected?.image.height, undefined, undefined, undefined]);
    // works.json's `titles` language map, and the display date's year range.
    expect(work).toMatchObject({ titles: { en: 'The Scream', nl: 'De schreeuw' }, dateStart: 1893, dateEnd: 1893 });
  });
});

describe('licence refusals', () => {
  it('stores NC, ND, in-copyright and unlicensed works as refused, with reasons and no images', async () => {
    const dir = await folder([
      { id: 'nc-work', title: 'Non-commercial', licence: LICENCES.nc },
      { id: 'nd-work', title: 'No derivatives', licence: LICENCES.nd },
      { id: 'inc-work', title: 'In copyright', licence: LICENCES.inc },
      { id: 'no-licence', title: 'Nobody said', licence: null },
      { id: 'by-sa-work', title: 'Share alike', licence: LICENCES.bySa },
    ]);
    const report = await importFolder(dir, deps);
    expect(report).toMatchObject({ imported: 1, refused: 4, failed: 0 });
    const reasons = Object.fromEntries(report.outcomes.flatMap((o) => (o.kind === 'refused' ? [[o.sourceId, o.reason]] : [])));
    expect(reasons).toEqual({
      'nc-work': expect.stringMatching(/non-commercial/i),
      'nd-work': expect.stringMatching(/no-derivatives/i),
      'inc-work': expect.stringMatching(/in copyright/i),
      'no-licence': expect.stringMatching(/no licence/i),
    });
    const refused = await deps.works.findByIds(['local-nc-work', 'local-nd-work', 'local-inc-work', 'local-no-licence']);
    expect(refused).toHaveLength(4);
    for (const w of refused) {
      expect(w).toMatchObject({ licenceStatus: 'refused', imageSha256: null, imageKeys: {} });
      expect(existsSync(join(c.storageDir, 'works', w.id))).toBe(false);
    }
    const [bySa] = await deps.works.findByIds(['local-by-sa-work']);
    expect(bySa).toMatchObject({ licenceUri: 'https://creativecommons.org/licenses/by-sa/3.0/', licenceLabel: 'CC BY-SA 3.0 NL' });
  });

  it('removes the images of a work whose licence is later found to be NC', async () => {
    const dir = await folder([{ id: 'turns-nc', title: 'Was open' }]);
    await importFolder(dir, deps);
    expect(existsSync(join(c.storageDir, 'works/local-turns-nc/thumb.webp'))).toBe(true);
    await folder([{ id: 'turns-nc', title: 'Was open', licence: LICENCES.nc }], dir);
    expect(await importFolder(dir, deps)).toMatchObject({ refused: 1 });
    expect(existsSync(join(c.storageDir, 'works/local-turns-nc/thumb.webp'))).toBe(false);
  });
});

describe('updates and failures', () => {
  it('re-encodes a changed image and counts it as updated', async () => {
    const dir = await folder([{ id: 'changing', title: 'Changing', colour: { r: 255, g: 0, b: 0 } }]);
    expect(await importFolder(dir, deps)).toMatchObject({ imported: 1 });
    const before = await deps.storage.get('works/local-changing/thumb.webp');
    await folder([{ id: 'changing', title: 'Changing', colour: { r: 0, g: 0, b: 255 } }], dir);
    expect(await importFolder(dir, deps)).toMatchObject({ imported: 0, updated: 1, unchanged: 0 });
    expect((await deps.storage.get('works/local-changing/thumb.webp')).equals(before)).toBe(false);
  });

  it('fails works with a missing image, a wrong checksum or an image outside the folder, and imports the rest', async () => {
    const dir = await folder([
      { id: 'fine', title: 'Fine' },
      { id: 'missing-file', title: 'Missing', size: 0 },
      { id: 'bad-sum', title: 'Bad sum', sha256: '0'.repeat(64) },
      { id: 'escapes', title: 'Escapes' },
    ]);
    const outside = await folder([{ id: 'elsewhere', title: 'Elsewhere' }]);
    await rm(join(dir, 'images/escapes.png'));
    await symlink(join(outside, 'images/elsewhere.png'), join(dir, 'images/escapes.png'));

    const report = await importFolder(dir, deps);
    expect(report).toMatchObject({ imported: 1, failed: 3 });
    const failed = Object.fromEntries(report.outcomes.flatMap((o) => (o.kind === 'failed' ? [[o.sourceId, o.reason]] : [])));
    expect(failed).toEqual({
      'missing-file': 'image file not found: images/missing-file.png',
      'bad-sum': expect.stringContaining('sha256 mismatch'),
      escapes: 'image file is outside the folder: images/escapes.png',
    });
    expect(await deps.works.findByIds(['local-missing-file', 'local-bad-sum', 'local-escapes'])).toEqual([]);
  });

  it('passes imported images through the upload limits, cleans the stored master and keeps the sha256 of the original', async () => {
    const dir = await folder([{ id: 'fine-too', title: 'Fine too' }, { id: 'strip', title: 'Strip' }, { id: 'huge', title: 'Huge' }, { id: 'camera', title: 'Camera' }]);
    await writeFile(join(dir, 'images/strip.png'), await pngClaiming(20000, 1));
    await writeFile(join(dir, 'images/huge.png'), await pngClaiming(12000, 12000));
    const camera = await cameraJpeg();
    await writeFile(join(dir, 'images/camera.png'), camera);
    const manifest = JSON.parse(await readFile(join(dir, 'works.json'), 'utf8')) as { works: { id: string; image?: unknown }[] };
    for (const w of manifest.works) delete w.image; // the files changed: no sha256 promised
    await writeFile(join(dir, 'works.json'), JSON.stringify(manifest));

    const report = await importFolder(dir, deps);
    expect(report).toMatchObject({ imported: 2, failed: 2 });
    const failed = Object.fromEntries(report.outcomes.flatMap((o) => (o.kind === 'failed' ? [[o.sourceId, o.reason]] : [])));
    expect(failed).toEqual({
      strip: expect.stringMatching(/refused as an upload would be: The image is 20000×1 pixels/),
      huge: expect.stringMatching(/refused as an upload would be: The image is 12000×12000 pixels/),
    });
    expect(await deps.works.findByIds(['local-strip', 'local-huge'])).toEqual([]);

    const [work] = await deps.works.findByIds(['local-camera']);
    expect(work).toMatchObject({ imageSha256: sha256Hex(camera), width: 640, height: 480, imageKeys: { original: 'works/local-camera/master.png' } });
    const master = await deps.storage.get(work!.imageKeys.original!);
    expect((await sharp(master).metadata()).exif).toBeUndefined();
    for (const trace of CAMERA_TRACES) expect(master.includes(trace)).toBe(false);
  });

  it('changes nothing when works.json is broken', async () => {
    const dir = await folder([{ id: 'never', title: 'Never imported' }]);
    const before = await count();
    await writeFile(join(dir, 'works.json'), '{ "works": [ { "id": "x" ');
    await expect(importFolder(dir, deps)).rejects.toThrow(BrokenManifestError);
    await writeFile(join(dir, 'works.json'), JSON.stringify({ works: [{ id: 'never', title: 'ok', licence: LICENCES.cc0 }, { id: 'y' }] }));
    await expect(importFolder(dir, deps)).rejects.toMatchObject({ problems: [expect.stringMatching(/^works\[1\] \(id "y"\)\.title/)] });
    await expect(importFolder(join(dir, 'nope'), deps)).rejects.toThrow(/folder not found/);
    expect(await count()).toBe(before);
  });
});
