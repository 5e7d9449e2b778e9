import { appendFileSync } from 'node:fs';
import type { Reporter, TestCase } from 'vitest/node';

/**
 * Writes each test that failed and then passed on a retry to VITEST_FLAKY (one line each), so the CI summary names
 * it: a retry keeps a timing-sensitive test from failing a run on a loaded machine, but never hides that it happened.
 */
export default class FlakyReporter implements Reporter {
  private readonly file = process.env.VITEST_FLAKY;

  onTestCaseResult(test: TestCase): void {
    const d = test.diagnostic();
    if (!this.file || !d?.flaky) return;
    appendFileSync(this.file, `${test.module.moduleId} › ${test.fullName} (passed on retry ${d.retryCount})\n`);
  }
}
