import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { sha256Hex } from '@atelier/common/hash';

/** Test helper: a collection folder in the works.json format, with small generated images. */
export interface FixtureWork {
  id: string;
  title: string;
  licence?: string | null;
  creator?: string;
  /** Side of the generated square PNG; 0 writes no image file. */
  size?: number;
  colour?: { r: number; g: number; b: number };
  sha256?: string;
  extra?: Record<string, unknown>;
}

export const LICENCES = {
  cc0: 'https://creativecommons.org/publicdomain/zero/1.0/',
  pdm: 'https://creativecommons.org/publicdomain/mark/1.0/',
  by: 'https://creativecommons.org/licenses/by/4.0/',
  bySa: 'http://creativecommons.org/licenses/by-sa/3.0/nl/deed.nl',
  nc: 'https://creativecommons.org/licenses/by-nc/4.0/',
  nd: 'https://creativecommons.org/licenses/by-nd/4.0/',
  inc: 'http://rightsstatements.org/vocab/InC/1.0/',
} as const;

export async function writeCollectionFolder(works: FixtureWork[], dir?: string): Promise<string> {
  const root = dir ?? (await mkdtemp(join(tmpdir(), 'atelier-collection-')));
  await mkdir(join(root, 'images'), { recursive: true });
  const entries = [];
  for (const w of works) {
    const file = `images/${w.id}.png`;
    const size = w.size ?? 64;
    let sha256 = w.sha256;
    if (size > 0) {
      const png = await sharp({ create: { width: size * 2, height: size, channels: 3, background: w.colour ?? { r: 200, g: 80, b: 40 } } })
        .png()
        .toBuffer();
      await writeFile(join(root, file), png);
      sha256 ??= sha256Hex(png);
    }
    entries.push({
      id: w.id,
      file,
      title: w.title,
      creator: { name: w.creator ?? 'A. Painter', life: '1850–1900' },
      date: '1890',
      institution: 'Test Museum',
      licence: w.licence === undefined ? LICENCES.cc0 : w.licence,
      image: sha256 ? { sha256, mime: 'image/png' } : undefined,
      ...w.extra,
    });
  }
  await writeFile(join(root, 'works.json'), JSON.stringify({ works: entries }, null, 2));
  return root;
}
