// Sums the vitest JSON reports of every suite into one line CI reads: `N passed, N failed`.
// A suite that never reported (a stage before it failed) counts as one failure, so red is never hidden.
import { existsSync, readFileSync } from 'node:fs';

const suites = ['test-results/unit.json', 'test-results/browser.json'];
let passed = 0;
let failed = 0;
for (const file of suites) {
  if (!existsSync(file)) {
    console.log(`${file}: no report (the suite did not run)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
}
const status = Number(process.argv[2] ?? 0);
if (status !== 0 && failed === 0) failed = 1; // typecheck or lint failed after the tests ran
console.log(`${passed} passed, ${failed} failed`);
