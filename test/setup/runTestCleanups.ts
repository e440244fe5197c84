import { afterEach } from 'vitest';
import { runAfterEachTest } from './testCleanups';

// Evaluated again for every test file (a setup file), so each file's tests run the helpers' cleanups.
afterEach(runAfterEachTest);
