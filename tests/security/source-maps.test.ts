/**
 * Issue #10 item 8: the production build's source maps carried every source file in `sourcesContent`
 * (node_modules included), served publicly next to the bundle. The choice: keep the maps public, so a stack trace
 * from a kiosk's browser still maps to file and line, but without the sources (the code is the AGPL repository's;
 * the site need not ship it a second time). This builds the studio with its real Vite config and reads every map.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const STUDIO = resolve(import.meta.dirname, '../../studio-web');

interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
  mappings: string;
}

describe('the built studio serves source maps without sources (issue #10 item 8)', () => {
  let outDir: string;
  let maps: [string, SourceMap][];

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'atelier-build-'));
    const vite = resolve(STUDIO, '../node_modules/.bin/vite');
    const build = spawnSync(vite, ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: STUDIO, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const assets = join(outDir, 'assets');
    maps = readdirSync(assets)
      .filter((f) => f.endsWith('.map'))
      .map((f) => [f, JSON.parse(readFileSync(join(assets, f), 'utf8')) as SourceMap]);
  }, 120_000);
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('every script has a map that still maps (a stack trace resolves to file and line)', () => {
    const scripts = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(existsSync(join(outDir, 'assets', `${script}.map`)), script).toBe(true);
      expect(readFileSync(join(outDir, 'assets', script), 'utf8')).toContain(`//# sourceMappingURL=${script}.map`);
    }
    for (const [file, map] of maps) {
      expect(map.mappings.length, file).toBeGreaterThan(0);
      expect(map.sources.length, file).toBeGreaterThan(0);
    }
  });

  it('no map carries source text', () => {
    for (const [file, map] of maps) expect((map.sourcesContent ?? []).filter((c) => c !== null), file).toEqual([]);
  });

  it('no map names an absolute path of the machine that built it', () => {
    for (const [file, map] of maps) for (const source of map.sources) expect(source.startsWith('/'), `${file}: ${source}`).toBe(false);
  });
});
