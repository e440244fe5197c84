import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

// Prints each test file's time at the end of a run, slowest first, so a slow suite says where its
// minutes go: setup (environment + imports) and the tests' own time, per file.

export default class FileTimeReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows = modules.map((module) => {
      const d = module.diagnostic();
      const setup = d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration;
      return {
        file: relative(process.cwd(), module.moduleId),
        setup,
        tests: d.duration,
        state: module.state(),
      };
    });
    rows.sort((a, b) => b.setup + b.tests - (a.setup + a.tests));
    const s = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
    const total = rows.reduce((sum, row) => sum + row.setup + row.tests, 0);
    console.log(
      `\nTime per file (${rows.length} files, ${s(total).trim()} summed; setup = environment + imports):`,
    );
    for (const row of rows)
      console.log(
        `${s(row.setup + row.tests)}  (setup ${s(row.setup).trim()}, tests ${s(row.tests).trim()})  ${row.file}${row.state === 'failed' ? '  FAILED' : ''}`,
      );
  }
}
