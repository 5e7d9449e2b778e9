import { readFile, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { importWorks, WorkImageProblem, type ImportDeps, type ImportReport } from '../services/collection-import.service';
import { folderCsvManifest } from './folder-csv';
import { BrokenManifestError, parseFolderManifest, toCandidate, type FolderWork } from './folder-manifest';

/** Largest original accepted from a folder; museum masters above this belong in an IIIF importer. */
export const MAX_ORIGINAL_BYTES = 100 * 1024 * 1024;

/**
 * `npm run collection -- import-folder <dir>`: reads `<dir>/works.json` or `<dir>/works.csv` and the images they
 * name. Throws `BrokenManifestError` (and changes nothing) when neither or both exist, or the file is not valid.
 */
export async function importFolder(dir: string, deps: ImportDeps): Promise<ImportReport> {
  const root = await realpath(resolve(dir)).catch(() => {
    throw new BrokenManifestError(`folder not found: ${dir}`);
  });
  const works = await readManifest(root);
  return importWorks(
    works.map((w) => toCandidate(w, (file) => readImageInside(root, file))),
    deps,
  );
}

async function readManifest(root: string): Promise<FolderWork[]> {
  const [json, csv] = await Promise.all([readOptional(join(root, 'works.json')), readOptional(join(root, 'works.csv'))]);
  // Two manifests could disagree; which one wins would be a guess.
  if (json !== null && csv !== null) throw new BrokenManifestError(`both works.json and works.csv in ${root}: keep one`);
  if (csv !== null) return parseFolderManifest(folderCsvManifest(csv), 'works.csv');
  if (json === null) throw new BrokenManifestError(`no works.json or works.csv in ${root}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw new BrokenManifestError(`works.json could not be read: ${(err as Error).message}`);
  }
  return parseFolderManifest(parsed);
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return null;
    throw new BrokenManifestError(`${path} could not be read: ${e.message}`);
  }
}

async function readImageInside(root: string, file: string): Promise<Uint8Array> {
  let path: string;
  try {
    path = await realpath(join(root, file));
  } catch {
    throw new WorkImageProblem(`image file not found: ${file}`);
  }
  // A symlink must not smuggle in a file from outside the folder.
  if (!path.startsWith(root + sep)) throw new WorkImageProblem(`image file is outside the folder: ${file}`);
  let bytes: Buffer;
  try {
    const { size, isFile } = await stat(path).then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) throw new WorkImageProblem(`image path is not a file: ${file}`);
    if (size > MAX_ORIGINAL_BYTES) throw new WorkImageProblem(`image file is larger than ${MAX_ORIGINAL_BYTES} bytes: ${file}`);
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof WorkImageProblem) throw err;
    throw new WorkImageProblem(`image file could not be read: ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (bytes.length === 0) throw new WorkImageProblem(`image file is empty: ${file}`);
  return bytes;
}
