import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * How long a test file allows itself to wait, in all: the sum of the timeouts it names (`timeout: 60_000`,
 * `}, 120_000)`), each of at least a second.
 */
export function declaredWaitMs(source: string): number {
  let sum = 0;
  for (const match of source.matchAll(/(?:timeout:\s*|\},\s*)(\d[\d_]*)\)?/g)) {
    const ms = Number(match[1]!.replaceAll('_', ''));
    if (ms >= 1000) sum += ms;
  }
  return sum;
}

/**
 * Starts the browser files that wait on the longest scenarios first, so none of them starts last and runs
 * alone at the end (a fresh clone has no durations of an earlier run to go by); vitest's own order breaks
 * ties.
 */
export class LongestWaitFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const wait = new Map(files.map((file) => [file, declaredWaitMs(readFileSync(file.moduleId, 'utf8'))]));
    return [...(await super.sort(files))].sort((a, b) => wait.get(b)! - wait.get(a)!);
  }
}
