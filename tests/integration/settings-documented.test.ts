/**
 * Every setting an operator can change is documented: each environment variable the services, the studio server,
 * the start script and the test and bench tooling read appears in the README or a workspace README. A new
 * `env.X` without a line in a README fails here.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@atelier/models';

const CODE = ['common/src', 'contracts/src', 'gallery-api/src', 'inference-service/src', 'models/src', 'prompts/src', 'studio-web/src', 'studio-web/server.ts', 'scripts', 'tests'];
const READMES = ['README.md', ...['common', 'contracts', 'gallery-api', 'inference-service', 'models', 'prompts', 'studio-web', 'tests'].map((w) => `${w}/README.md`)];
/** Set by the platform or by the test runner itself, not by an operator. */
const NOT_SETTINGS = new Set(['NODE_ENV', 'CI', 'HOME', 'PATH', 'VITEST_JSON', 'VITEST_FLAKY', 'PLAYWRIGHT_JSON_OUTPUT_NAME', 'PORT', 'TZ', 'USER']);

function* files(path: string): Generator<string> {
  const full = join(REPO_ROOT, path);
  if (statSync(full, { throwIfNoEntry: false })?.isFile()) return yield full;
  for (const entry of readdirSync(full, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ts|tsx|mjs)$/.test(entry.name) || entry.parentPath.includes('node_modules')) continue;
    yield join(entry.parentPath, entry.name);
  }
}

describe('operator settings', () => {
  it('are each documented in a README', () => {
    const read = (p: string) => readFileSync(join(REPO_ROOT, p), { encoding: 'utf8', flag: 'r' });
    const docs = READMES.map((p) => (statSync(join(REPO_ROOT, p), { throwIfNoEntry: false }) ? read(p) : '')).join('\n');
    const undocumented = new Map<string, string>();
    const sources = CODE.flatMap((p) => [...files(p)])
      .filter((file) => !/\.(test|e2e)\.tsx?$/.test(file)) // a test's own knobs are the test's business
      .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    // A name the code sets itself (tests/e2e/global-setup.ts hands the stack to the tests and their fixtures that
    // way; bench:all names its summary file) is no setting, wherever it is read.
    const assigned = new Set(sources.flatMap(({ text }) => [...text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)\s*=[^=]/g)].map((m) => m[1]!)));
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/\benv\s*(?:\.\s*|\[\s*['"])([A-Z][A-Z0-9_]+)\b/g)) {
        const name = m[1]!;
        if (NOT_SETTINGS.has(name) || assigned.has(name) || docs.includes(name)) continue;
        undocumented.set(name, relative(REPO_ROOT, file));
      }
    }
    expect(Object.fromEntries(undocumented)).toEqual({});
  });
});
