/**
 * `npm run bench:bundles` (issue 16 item 5): each page's initial JavaScript, gzip, beside the same framework's minimal
 * app built the same way (Vite with @vitejs/plugin-react, production mode): the studio against bare React +
 * react-konva, every other page against bare React (tests/bench/anchors). A page's initial JS is the entry chunk and
 * its static imports, plus the page's own lazy chunk and its static imports (what the browser fetches before the page
 * can show), and the visitor's language dictionary (Dutch, the larger): its core section, fetched before the first
 * render, and the sections the page names (PAGE_SECTIONS), fetched with its chunk; the other language only on a switch; CSS is not counted. gzip level 9 on both sides. Prints a table; asserts nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, type Manifest } from 'vite';
import { summary } from './summary';
import { PAGE_SECTIONS } from '../../studio-web/src/app/page-sections';

const ROOT = resolve(import.meta.dirname, '../..');
const STUDIO = join(ROOT, 'studio-web');

/** The pages a visitor, a pupil or a museum screen opens first, by the module App.tsx loads lazily for each. */
const PAGES: { page: string; module: string | null; anchor: 'react' | 'react-konva'; sections: readonly string[] }[] = [
  { page: 'studio', module: 'src/pages/studio/StudioPage.tsx', anchor: 'react-konva', sections: PAGE_SECTIONS.studio },
  { page: 'gallery', module: 'src/pages/gallery/GalleryPage.tsx', anchor: 'react', sections: [] },
  { page: 'creation', module: 'src/pages/gallery/CreationPage.tsx', anchor: 'react', sections: [] },
  { page: 'work', module: 'src/pages/gallery/WorkPage.tsx', anchor: 'react', sections: [] },
  { page: 'exhibitions, kiosk', module: 'src/pages/exhibitions/ExhibitionPages.tsx', anchor: 'react', sections: PAGE_SECTIONS.exhibitions },
  { page: 'workshops, join', module: 'src/pages/workshops/WorkshopPages.tsx', anchor: 'react', sections: PAGE_SECTIONS.workshops },
  { page: 'moderation', module: 'src/pages/moderation/ModerationPage.tsx', anchor: 'react', sections: PAGE_SECTIONS.moderation },
];

async function buildInto(root: string, extra: object = {}): Promise<{ dir: string; manifest: Manifest }> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bundles-'));
  await build({
    root,
    logLevel: 'silent',
    ...extra,
    build: { outDir: dir, emptyOutDir: true, manifest: true, sourcemap: false },
  });
  return { dir, manifest: JSON.parse(readFileSync(join(dir, '.vite/manifest.json'), 'utf8')) as Manifest };
}

/** The files a chunk needs before it runs: itself and its static imports, transitively. */
function closure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const dep of chunk.imports ?? []) closure(manifest, dep, into);
  return into;
}

const gz = (dir: string, files: Iterable<string>) =>
  [...files].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

async function main() {
  const anchors: Record<string, number> = {};
  for (const name of ['react', 'react-konva'] as const) {
    const { dir, manifest } = await buildInto(join(import.meta.dirname, 'anchors', name), { configFile: false, plugins: [react()] });
    anchors[name] = gz(dir, closure(manifest, 'index.html'));
    rmSync(dir, { recursive: true, force: true });
  }
  const { dir, manifest } = await buildInto(STUDIO, { configFile: join(STUDIO, 'vite.config.ts') });
  const entry = closure(manifest, 'index.html');
  // The language's core section arrives with the page: main.tsx waits for it before the first render.
  closure(manifest, 'src/i18n/nl.ts', entry);
  console.log(`[bundles] initial JS per page, gzip -9 (KB); anchors: bare React ${kb(anchors.react!)}, bare React + react-konva ${kb(anchors['react-konva']!)}`);
  console.log(['page'.padEnd(20), 'page KB', 'anchor KB', 'ratio', 'entry + nl core KB', 'own KB'].join('\t'));
  for (const p of PAGES) {
    if (!p.module || !manifest[p.module]) {
      console.log(`${p.page.padEnd(20)}\t(not built: ${p.module})`);
      continue;
    }
    const files = closure(manifest, p.module, new Set(entry));
    // The page's own dictionary sections come with its chunk (App.tsx, PAGE_SECTIONS).
    for (const section of p.sections) closure(manifest, `src/i18n/${section}.nl.ts`, files);
    const total = gz(dir, files);
    const anchor = anchors[p.anchor]!;
    console.log([p.page.padEnd(20), kb(total), kb(anchor), `${(total / anchor).toFixed(2)}×`, kb(gz(dir, entry)), kb(total - gz(dir, entry))].join('\t'));
    // Issue 16 item 5: each page's initial JS ≤ 1.05× the same framework's minimal app.
    summary({
      what: `${p.page} page, initial JS gzip`,
      anchor: `${p.anchor === 'react' ? 'bare React' : 'bare React + react-konva'} ${kb(anchor)} KB`,
      now: `${kb(total)} KB`,
      ratio: total / anchor,
      target: '≤ 1.05×',
      met: total / anchor <= 1.05,
    });
  }
  rmSync(dir, { recursive: true, force: true });
}

await main();
