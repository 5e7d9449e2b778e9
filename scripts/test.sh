#!/usr/bin/env bash
# Every test: typecheck, vitest (unit + integration against the real Postgres and Redis), Playwright e2e.
# Ends with one plain line: `tests: N passed, N failed, N skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
export ONNXRUNTIME_NODE_INSTALL=skip PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export MODEL_DIR="${MODEL_DIR:-$(cd .. && pwd)/shared/models}"
status=0

echo "== typecheck"
npm run -s typecheck || status=1

echo "== vitest"
rm -f test-results/vitest.json test-results/vitest-flaky.txt
VITEST_JSON=test-results/vitest.json VITEST_FLAKY=test-results/vitest-flaky.txt npx vitest run || status=1

echo "== playwright (Chromium)"
rm -f test-results/playwright.json
PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/test-results/playwright.json" npx playwright test -c tests/e2e/playwright.config.ts || status=1

node scripts/test-summary.mjs test-results/vitest.json test-results/playwright.json test-results/vitest-flaky.txt || status=1
exit $status
