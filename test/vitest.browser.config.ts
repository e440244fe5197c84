import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { LongestWaitFirst } from './setup/longestWaitFirst';

// Browser tests drive the built e2e extension in Debian's Chromium through playwright-core.
// Each file owns its browser (a fresh profile), its mock room server and fixture server on free ports, so
// files never see each other's data: three run at once. They wait mostly on scenarios playing in real time,
// so three browsers on two cores take a third of the time one after another did; the files with the longest
// waits start first (test/setup/longestWaitFirst.ts). On a machine already crowded (page loads past
// playwright's 30 s), LIVECUE_BROWSER_WORKERS=1 runs them one at a time.

export default defineConfig({
  // Paths below are from the project root, one folder up.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    reporters: [
      'default',
      ['json', { outputFile: 'test-results/browser.json' }],
      './test/setup/fileTimeReporter.ts',
    ],
    environment: 'node',
    include: ['test/browser/**/*.test.ts'],
    fileParallelism: true,
    // A worker runs its next file in the same process: Playwright, the harness and the scenarios are imported
    // once per worker, not once per file (about 2 s of CPU a file). The files keep nothing in those modules:
    // each launches its own browser, profile and servers.
    isolate: false,
    maxWorkers: Number(process.env.LIVECUE_BROWSER_WORKERS) || 3,
    sequence: { sequencer: LongestWaitFirst },
    // Hang guards sized for a busy machine: a file's set-up launches Chromium and may play a whole scenario.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A poll without its own timeout waits for the extension's storage or UI: a busy machine's second is
    // long (the default is one).
    // Each try of a poll is a round trip to the browser, often a read of the extension's database: every
    // 250 ms, not vitest's 50 (a wait of a minute was 1,200 database reads, with the CPU they take from the
    // extension under test). A state a poll must catch lasts seconds at the speeds the tests play.
    expect: { poll: { timeout: 20_000, interval: 250 } },
  },
});
