import { defineConfig } from 'vitest/config';

// Unit tests run alone; database tests (*.int.test.ts) run twice: on the embedded server and on
// the PostgreSQL at TANDEM_TEST_PG_URL (default 127.0.0.1:5432/test). Both are required.
const dbTests = ['src/**/*.int.test.ts'];
// Tests that need the embedded server itself (they kill it): the embedded tier only.
const embeddedTests = ['src/**/*.embedded.test.ts'];
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          exclude: [...dbTests, ...embeddedTests],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db:embedded',
          include: [...dbTests, ...embeddedTests],
          globalSetup: ['src/server/testing/global-embedded.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'db:postgres',
          include: dbTests,
          globalSetup: ['src/server/testing/global-postgres.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
