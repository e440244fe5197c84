import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests: DOM readers and components in happy-dom (per-file `@vitest-environment`),
// database and engine in node. Browser tests live in test/browser and have their own config.
//
// Two projects, by the environment a file names in its docblock. Each shares one module graph across its
// files (`isolate: false`): importing zod, Dexie and the engine once instead of once per file was half the
// node files' time, and a fresh happy-dom window and Preact per file was two thirds of the dom files' CPU.
// They keep no state between files: each opens its own database, helpers' per-test cleanups run for every
// file (test/setup/testCleanups.ts), and after each happy-dom file its timers stop and its page is blanked
// (test/setup/resetWindowBetweenFiles.ts).
const root = fileURLToPath(new URL('..', import.meta.url));
const TEST_FILE = /\.test\.tsx?$/;
const testFiles = (readdirSync(join(root, 'test/unit'), { recursive: true }) as string[])
  .filter((file) => TEST_FILE.test(file))
  .map((file) => `test/unit/${file.split('\\').join('/')}`);
const domFiles = testFiles.filter((file) =>
  /@vitest-environment\s+happy-dom/.test(readFileSync(join(root, file), 'utf8').slice(0, 1000)),
);

export default defineConfig({
  // Paths below are from the project root, one folder up.
  root,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    reporters: [
      'default',
      ['json', { outputFile: 'test-results/unit.json' }],
      './test/setup/fileTimeReporter.ts',
    ],
    environment: 'node',
    setupFiles: ['test/setup/fakeIndexedDb.ts', 'test/setup/runTestCleanups.ts'],
    // A hang guard, never a budget: `npm test` must pass while other work keeps a core busy (DESIGN.md §7)
    // and three browsers run beside this suite (scripts/test.ts).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          exclude: domFiles,
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: domFiles.length ? domFiles : ['no-dom-files'],
          isolate: false,
          setupFiles: ['test/setup/resetWindowBetweenFiles.ts'],
        },
      },
    ],
  },
});
