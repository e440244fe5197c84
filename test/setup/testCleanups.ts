// Cleanups a test helper module asks for after each test. A helper module is evaluated once per worker
// when files share modules (the node project runs without isolation), so it cannot register its own
// `afterEach`: that would run for the first file that imported it only. The setup file
// runTestCleanups.ts, evaluated again for every file, runs these after each of that file's tests.

type Cleanup = () => void | Promise<void>;

const cleanups: Cleanup[] = [];

/** Runs `cleanup` after every test of every file from now on (registered once, at a helper's top level). */
export function afterEachTest(cleanup: Cleanup): void {
  if (!cleanups.includes(cleanup)) cleanups.push(cleanup);
}

/** Runs every registered cleanup, in the order registered. */
export async function runAfterEachTest(): Promise<void> {
  for (const cleanup of cleanups) await cleanup();
}
