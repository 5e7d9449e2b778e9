import { parseArgs } from 'node:util';
import { LocalDirStorage } from '@atelier/common';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { importFolder } from '../importers/folder.importer';
import { BrokenManifestError } from '../importers/folder-manifest';
import { SharpWorkImageRenderer } from '../repositories/work-images';
import { WorkRepository } from '../repositories/work.repository';
import { formatImportReport, formatStatus } from './collection-report';

const HELP = `Usage: npm run collection -- <command>

Commands:
  import-folder <dir>   Import <dir>/works.json and its images. Re-running updates works
                        (matched by source + id) and never duplicates them.
  status                Count the works by licence status and family.
  --help                Show this help.

Environment: DATABASE_URL (else embedded PGlite in GALLERY_PGLITE_DIR, default .atelier/pglite),
GALLERY_STORAGE_DIR (default .atelier/storage/gallery).

Exit codes: 0 done (refused licences are not errors), 1 some works failed (missing image,
checksum mismatch, unreadable image), 2 bad usage or a broken works.json (nothing changed).`;

const EXIT_OK = 0;
const EXIT_SOME_FAILED = 1;
const EXIT_USAGE = 2;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(HELP);
    return values.help || command === 'help' ? EXIT_OK : EXIT_USAGE;
  }
  if (command === 'import-folder' && rest.length !== 1) return usage('import-folder needs exactly one folder');
  if (command === 'status' && rest.length !== 0) return usage('status takes no arguments');
  if (command !== 'import-folder' && command !== 'status') return usage(`unknown command: ${command}`);

  const config = loadConfig();
  const db = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir, max: 2 });
  try {
    await migrate(db.pool);
    const works = new WorkRepository(db.pool);
    if (command === 'status') {
      console.log(formatStatus(await works.countByLicence()));
      return EXIT_OK;
    }
    const dir = rest[0] as string;
    try {
      const report = await importFolder(dir, {
        works,
        storage: new LocalDirStorage(config.storageDir),
        images: new SharpWorkImageRenderer(),
      });
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
