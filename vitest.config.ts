import { defineConfig } from 'vitest/config';

const SERVER_CODE = ['common', 'contracts', 'gallery-api', 'inference-service', 'models', 'prompts'];
// In CI a test gets one retry: two cores under load make timing-sensitive tests (queues, restarts, live events)
// occasionally miss; the summary names every test that needed it (tests/support/flaky-reporter.ts).
const RETRY = process.env.CI ? 1 : 0;

// One runner for every workspace, three projects:
// - unit: server code next to its source, needing nothing running (no Postgres, no Redis);
// - integration: `*.integration.test.ts` beside the code, tests/integration, tests/security (hostile input, abuse)
//   and tests/faults (crashes, restarts, a full disk), against the real Postgres and
//   Redis (each file creates its own database from a migrated template, or its own queue prefix, so files run
//   in parallel);
// - web: the studio in happy-dom.
export default defineConfig({
  test: {
    reporters: [
      'default',
      ...(process.env.VITEST_JSON ? [['json', { outputFile: process.env.VITEST_JSON }] as [string, Record<string, unknown>]] : []),
      ...(process.env.VITEST_FLAKY ? ['./tests/support/flaky-reporter.ts'] : []),
    ],
    projects: [
      {
        test: {
          name: 'unit',
          retry: RETRY,
          environment: 'node',
          include: SERVER_CODE.map((w) => `${w}/src/**/*.test.ts`),
          exclude: ['**/node_modules/**', '**/*.integration.test.ts'],
          testTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'integration',
          retry: RETRY,
          environment: 'node',
          include: [
            ...SERVER_CODE.map((w) => `${w}/src/**/*.integration.test.ts`),
            'tests/integration/**/*.test.ts',
            'tests/security/**/*.test.ts',
            'tests/faults/**/*.test.ts',
          ],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        extends: 'studio-web/vite.config.ts',
        test: {
          name: 'web',
          retry: RETRY,
          environment: 'happy-dom',
          root: 'studio-web',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['./src/test-setup.ts'],
        },
      },
    ],
  },
});
