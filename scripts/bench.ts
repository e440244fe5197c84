import { parseArgs } from 'node:util';

// `npm run bench`: every budget of DESIGN.md §6, quoted as medians. Each bench is a module under
// scripts/bench/ exporting `run(): Promise<string[]>`; `--only name,name` picks some.

const BENCHES = [
  'engine',
  'products',
  'reader',
  'bigPage',
  'comments',
  'bundle',
  'coldStart',
  'export',
  'latency',
  'lateRanking',
] as const;

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const chosen = values.only ? values.only.split(',') : [...BENCHES];

let failed = false;
for (const name of chosen) {
  const started = performance.now();
  try {
    const bench = (await import(`./bench/${name}.ts`)) as { run(): Promise<string[]> };
    for (const line of await bench.run()) console.log(line);
  } catch (error) {
    failed = true;
    console.log(`${name}: failed — ${error instanceof Error ? error.message : String(error)}`);
  }
  console.error(`  (${name} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
process.exitCode = failed ? 1 : 0;
