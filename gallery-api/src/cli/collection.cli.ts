import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalDirStorage } from '@atelier/common';
import { galleryRepositories } from '../composition';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { importFolder } from '../importers/folder.importer';
import { findImporter, fetcherFor, IMPORTERS } from '../importers/registry';
import { syncSource, trackedRun } from '../services/collection-sync.service';
import { formatSources, progressPrinter } from './collection-progress';
import { BrokenManifestError, FOLDER_SOURCE } from '../importers/folder-manifest';
import { formatImportReport, formatStatus } from './collection-report';

const HELP = `Usage: npm run collection -- <command>

Commands:
  import-folder <dir>   Import <dir>/works.json (or works.csv) and its images. Re-running updates works
                        (matched by source + id) and never duplicates them.
  import <source>       Harvest a museum API or IIIF manifest/collection. Sources:
                        ${'${SOURCES}'}
      --base-url <url>  Where to read (a mirror, a test server; for iiif: the manifest URL)
      --query <words>   Only works matching these words
      --limit <n>       Stop after n works
      --since <date>    Only works changed since (default for met, aic, europeana:
                        the last completed sync; "all" re-reads everything)
      --api-key <key>   Europeana wskey (else EUROPEANA_API_KEY), Smithsonian api.data.gov key
                        (else SMITHSONIAN_API_KEY), Rijksmuseum Collection API key for a
                        --base-url ending in /api/en or /api/nl (else RIJKSMUSEUM_API_KEY)
  status                Count the works by licence status and family, per source, and how each
                        source's last run ended: synced (with its counts), failed (with why), or
                        not finished.
  --help                Show this help.

Environment: ATELIER_CONTACT (URL or mailto: in the User-Agent museums see), DATABASE_URL (else embedded PGlite in GALLERY_PGLITE_DIR, default .atelier/pglite),
GALLERY_STORAGE_DIR (default .atelier/storage/gallery).

Exit codes: 0 done (refused licences are not errors), 1 some works failed (missing image,
checksum mismatch, unreadable image), 2 bad usage or a broken works.json (nothing changed),
3 the source could not be read (network, HTTP error, an answer of the wrong shape); what was
imported before stays. A record that cannot be read fails alone (exit 1); the others are imported.`.replace(
  '${SOURCES}',
  IMPORTERS.map((i) => i.source).join(', '),
);

const EXIT_OK = 0;
const EXIT_SOME_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_SOURCE = 3;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      'base-url': { type: 'string' },
      query: { type: 'string' },
      limit: { type: 'string' },
      since: { type: 'string' },
      'api-key': { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(HELP);
    return values.help || command === 'help' ? EXIT_OK : EXIT_USAGE;
  }
  if (command === 'import-folder' && rest.length !== 1) return usage('import-folder needs exactly one folder');
  if (command === 'status' && rest.length !== 0) return usage('status takes no arguments');
  if (command === 'import' && rest.length !== 1) return usage('import needs exactly one source');
  if (command !== 'import-folder' && command !== 'status' && command !== 'import') return usage(`unknown command: ${command}`);
  const importer = command === 'import' ? findImporter(rest[0] as string) : undefined;
  if (command === 'import' && !importer) return usage(`unknown source: ${rest[0]}`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) return usage('--limit must be a positive whole number');
  const since = values.since === undefined ? undefined : values.since === 'all' ? null : new Date(values.since);
  if (since && Number.isNaN(since.getTime())) return usage('--since must be a date such as 2024-01-31, or "all"');

  const config = loadConfig();
  const db = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir, max: 2 });
  try {
    await migrate(db.pool);
    const { works, sources, storage, workImages: images } = galleryRepositories(db.pool, new LocalDirStorage(config.storageDir));
    if (command === 'status') {
      console.log(formatStatus(await works.countByLicence()));
      console.log(formatSources(await sources.list(), await works.countBySource()));
      return EXIT_OK;
    }
    if (importer) {
      const baseUrl = values['base-url'] ?? importer.defaultBaseUrl;
      if (!baseUrl) return usage(`${importer.source} needs --base-url`);
      const apiKey = values['api-key'] ?? (importer.keyEnv ? process.env[importer.keyEnv] : undefined);
      if (importer.needsKey && !apiKey) return usage(`${importer.source} needs --api-key (or ${importer.keyEnv ?? 'a key'})`);
      const progress = progressPrinter(process.stderr, importer.source);
      const http = fetcherFor(importer, {
        onRetry: (r) => process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}retry ${r.attempt} in ${Math.round(r.delayMs)} ms: ${r.reason} (${r.url})\n`),
      });
      try {
        const report = await syncSource(
          importer,
          http,
          { works, storage, images, sources },
          { baseUrl, query: values.query, limit, since, apiKey, onProgress: (p) => progress.update(p) },
        );
        progress.done();
        if (report.since) console.log(`changes since ${report.since.toISOString()}`);
        console.log(formatImportReport(report));
        return report.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
      } catch (err) {
        progress.done();
        console.error(`error: ${importer.source} could not be read: ${(err as Error).message}`);
        return EXIT_SOURCE;
      }
    }
    const dir = rest[0] as string;
    try {
      // Recorded like a harvest, so `status` shows the folder as synced, or failed with why.
      const report = await trackedRun(sources, FOLDER_SOURCE, resolve(dir), () => importFolder(dir, { works, storage, images }));
      console.log(formatImportReport(report));
      return report.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
    } catch (err) {
      if (!(err instanceof BrokenManifestError)) throw err;
      console.error(`error: ${err.message}; nothing was imported.`);
      for (const p of err.problems) console.error(`  - ${p}`);
      return EXIT_USAGE;
    }
  } finally {
    await db.close();
  }
}

function usage(message: string): number {
  console.error(`error: ${message}\n\n${HELP}`);
  return EXIT_USAGE;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  },
);
