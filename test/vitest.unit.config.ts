import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests: DOM readers and components in happy-dom (per-file `@vitest-environment`),
// database and engine in node. Browser tests live in test/browser and have their own config.
export default defineConfig({
  // Paths below are from the project root, one folder up.
  root: fileURLToPath(new URL('..', import.meta.url)),
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    reporters: [
      'default',
      ['json', { outputFile: 'test-results/unit.json' }],
      './test/setup/fileTimeReporter.ts',
    ],
    environment: 'node',
    include: ['test/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup/fakeIndexedDb.ts'],
    // A hang guard, never a budget: `npm test` must pass while other work keeps a core busy (DESIGN.md §7).
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
