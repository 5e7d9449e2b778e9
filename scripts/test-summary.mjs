// Adds up the vitest and Playwright JSON reports into the one line CI reads.
import { existsSync, readFileSync } from 'node:fs';

const [vitestFile, playwrightFile, flakyFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
// CI shows only the tail of the output: the names of what failed are printed again just above the count.
const failures = [];
const firstLine = (messages) => String((messages ?? [])[0] ?? '').split('\n').find((l) => l.trim()) ?? '';

if (vitestFile && existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  // A file that fails to load has no tests but is a failure.
  for (const f of v.testResults ?? []) {
    if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) {
      failed += 1;
      failures.push(`${f.name}: did not load: ${firstLine([f.message])}`);
    }
    for (const a of f.assertionResults ?? [])
      if (a.status === 'failed') failures.push(`${f.name} › ${a.fullName}: ${firstLine(a.failureMessages)}`);
  }
} else missing.push('vitest');

if (playwrightFile && existsSync(playwrightFile)) {
  const p = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0);
  failed += p.stats?.unexpected ?? 0;
  skipped += p.stats?.skipped ?? 0;
  const walk = (suite, file) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === 'unexpected') {
          const result = (test.results ?? []).at(-1);
          failures.push(`${spec.file ?? file} › ${spec.title}${test.projectName ? ` [${test.projectName}]` : ''}: ${firstLine([result?.error?.message])}`);
        }
    for (const child of suite.suites ?? []) walk(child, suite.file ?? file);
  };
  for (const suite of p.suites ?? []) walk(suite, suite.file);
} else missing.push('playwright');

if (missing.length) {
  console.log(`(no report from ${missing.join(' and ')}: counted as a failure)`);
  failed += missing.length;
}
// Passed, but only on a retry: counted as passed, named so that nobody mistakes it for healthy.
const flaky = flakyFile && existsSync(flakyFile) ? readFileSync(flakyFile, 'utf8').split('\n').filter(Boolean) : [];
if (playwrightFile && existsSync(playwrightFile)) {
  const walkFlaky = (suite) => {
    for (const spec of suite.specs ?? []) for (const test of spec.tests ?? []) if (test.status === 'flaky') flaky.push(`${spec.file} › ${spec.title} (passed on retry)`);
    for (const child of suite.suites ?? []) walkFlaky(child);
  };
  for (const suite of JSON.parse(readFileSync(playwrightFile, 'utf8')).suites ?? []) walkFlaky(suite);
}
if (flaky.length) {
  console.log('flaky:');
  for (const f of flaky) console.log(`  ${f.slice(0, 300)}`);
}
if (failures.length) {
  console.log('failed:');
  // eslint-disable-next-line no-control-regex
  for (const f of failures) console.log(`  ${f.replace(/\u001b\[[0-9;]*m/g, '').slice(0, 300)}`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
