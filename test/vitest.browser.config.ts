import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests drive the built e2e extension in Debian's Chromium through playwright-core.
// One file at a time: the machine has two cores and each test owns a browser.
export default defineConfig({
  // Paths below are from the project root, one folder up.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/browser.json' }]],
    environment: 'node',
    include: ['test/browser/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
