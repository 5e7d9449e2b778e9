import { defineConfig } from 'vitest/config';

// One runner for every workspace: server code in node, the studio in happy-dom.
// Files that talk to Postgres or Redis create their own database / queue prefix, so they can run in parallel.
export default defineConfig({
  test: {
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'common/src/**/*.test.ts',
            'gallery-api/src/**/*.test.ts',
            'inference-service/src/**/*.test.ts',
            'models/src/**/*.test.ts',
            'prompts/src/**/*.test.ts',
            'tests/integration/**/*.test.ts',
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
          environment: 'happy-dom',
          root: 'studio-web',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['./src/test-setup.ts'],
        },
      },
    ],
  },
});
