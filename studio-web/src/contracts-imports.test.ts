import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The contracts' zod schemas are for the services: the studio takes their types (erased) and the pure rules,
// so zod never enters the browser bundle. A value import from a schema module would bring it in.
const ROOT = import.meta.dirname;
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test(-support)?\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
const ZOD_MODULES = /^(zod(\/.*)?|@atelier\/contracts|@atelier\/contracts\/.*\.schema)$/;

describe('imports from @atelier/contracts', () => {
  it('take only types from schema modules (and nothing from zod itself)', () => {
    const offending: string[] = [];
    for (const file of sources(ROOT)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?\bfrom\s+'([^']+)'/gms)) {
        if (!m[2] && ZOD_MODULES.test(m[3]!)) offending.push(`${relative(ROOT, file)}: ${m[3]}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
