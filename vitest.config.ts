import { defineConfig } from 'vitest/config';

// Unit tests: DOM readers and components in happy-dom (per-file `@vitest-environment`),
// database and engine in node. Browser tests live in test/browser and have their own config.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
    environment: 'node',
    include: ['test/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup/fakeIndexedDb.ts'],
  },
});
