import { defineConfig } from 'vitest/config';

// Browser journeys: each file starts its own Tandem server (real HTTP, real database) and drives
// Debian's chromium through playwright-core. Files run one at a time: the machine has few cores.
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
