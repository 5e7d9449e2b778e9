import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipStore } from './workshop-zip';

describe('zipStore', () => {
  it('writes a ZIP that unzip reads back byte for byte, UTF-8 names included', () => {
    const files = [
      { name: 'index.html', data: Buffer.from('<h1>Klas</h1>') },
      { name: '01-Blauwe Reiger 12/creation.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]) },
      { name: 'ëxport/credit.txt', data: Buffer.from('Kredietregel — “aanhalingstekens”') },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    writeFileSync(join(dir, 'a.zip'), zipStore(files));
    execFileSync('python3', ['-c', 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2])', join(dir, 'a.zip'), join(dir, 'out')]);
    for (const f of files) expect(readFileSync(join(dir, 'out', f.name))).toEqual(f.data);
  });
});
