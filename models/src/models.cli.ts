/** `npm run models -- list | verify [id…] | import <dir> [id…] | pull <id>` */
import { resolve } from 'node:path';
import { importModels } from './import';
import { PullError, pullModel } from './pull';
import { ModelRegistry } from './registry';

const USAGE = 'usage: npm run models -- list | verify [id...] | import <dir> [id...] | pull <id> [--mirror <url>]';

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const registry = await ModelRegistry.load();
  switch (command) {
    case 'list': {
      console.log(`model directory: ${registry.modelDir}`);
      for (const m of registry.list()) {
        const files = await registry.fileStatuses(m.id);
        const state = files.every((f) => f.status === 'ok') ? 'ready' : files.map((f) => `${f.name}:${f.status}`).join(' ');
        const licence = m.licence.spdx ?? 'no licence stated';
        console.log(`${m.id}@${m.version}  ${m.task}  ${licence}${m.enabledByDefault ? '' : ' (off by default)'}  ${state}`);
      }
      return 0;
    }
    case 'verify': {
      let bad = 0;
      for (const m of registry.list()) {
        if (args.length && !args.includes(m.id)) continue;
        for (const f of await registry.fileStatuses(m.id)) {
          // Absent files are normal (not every site installs every model); a wrong file is an error.
          const wrong = f.status === 'size_mismatch' || f.status === 'checksum_mismatch' || (args.length > 0 && f.status === 'missing');
          if (wrong) bad++;
          console.log(`${wrong ? 'FAIL' : f.status === 'ok' ? 'ok  ' : 'skip'}  ${m.id}/${f.name}  ${f.status}`);
        }
      }
      return bad ? 1 : 0;
    }
    case 'import': {
      const [dir, ...ids] = args;
      if (!dir) {
        console.error(USAGE);
        return 2;
      }
      const results = await importModels(registry, resolve(dir), ids);
      for (const r of results) console.log(`${r.status.padEnd(8)}  ${r.modelId}/${r.file}`);
      console.log(`into ${registry.modelDir}`);
      return results.some((r) => r.status === 'mismatch') ? 1 : 0;
    }
    case 'pull': {
      const [id, ...rest] = args;
      const mirrorAt = rest.indexOf('--mirror');
      const mirror = mirrorAt >= 0 ? rest[mirrorAt + 1] : process.env.MODEL_MIRROR_URL;
      if (!id || !registry.get(id)) {
        console.error(`unknown model ${id ?? ''}; see \`npm run models -- list\``);
        return 2;
      }
      try {
        for (const r of await pullModel(registry, id, { mirror, log: (line) => console.log(line) }))
          console.log(`${r.status.padEnd(10)}  ${r.modelId}/${r.file}${r.resumedFrom ? `  (resumed at ${r.resumedFrom} bytes)` : ''}`);
      } catch (err) {
        if (!(err instanceof PullError)) throw err;
        console.error(err.message);
        return 3;
      }
      console.log(`into ${registry.modelDir}`);
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
