import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';

// `npm test`: every check the README lists, each once, with what does not depend on another running at
// the same time: typecheck, lint, the unit tests and the e2e build start at once; the browser tests follow
// (three files at a time, test/vitest.browser.config.ts). They wait mostly on scenarios playing in real
// time but starve when CPU-bound work runs beside them (page loads past 30 s, unit hang guards hit on a
// crowded machine), so they do not share the machine with the unit tests. Each stage's time is printed,
// and each suite's time per file. Exits non-zero when any stage failed; a failed check does not stop the
// others, so one run says everything.

interface Stage {
  name: string;
  ok: boolean;
  ms: number;
}

const started = performance.now();
const stages: Stage[] = [];

/**
 * Runs a command, its output prefixed by the stage's name line by line (`quiet`: kept and printed only if it
 * fails). Resolves with whether it passed.
 */
function run(name: string, args: string[], quiet = false): Promise<boolean> {
  const begin = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npx', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    const kept: string[] = [];
    const pass = (chunk: Buffer, partial: { rest: string }, out: NodeJS.WriteStream) => {
      const text = partial.rest + chunk.toString();
      const lines = text.split('\n');
      partial.rest = lines.pop() ?? '';
      for (const line of lines) {
        if (quiet) kept.push(line);
        else out.write(`[${name}] ${line}\n`);
      }
    };
    const outRest = { rest: '' };
    const errRest = { rest: '' };
    child.stdout.on('data', (chunk: Buffer) => pass(chunk, outRest, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => pass(chunk, errRest, process.stderr));
    child.on('close', (code) => {
      for (const rest of [outRest.rest, errRest.rest])
        if (rest) quiet ? kept.push(rest) : process.stdout.write(`[${name}] ${rest}\n`);
      const ok = code === 0;
      const ms = performance.now() - begin;
      stages.push({ name, ok, ms });
      if (quiet && !ok) for (const line of kept) process.stdout.write(`[${name}] ${line}\n`);
      console.log(`[${name}] ${ok ? 'passed' : 'FAILED'} in ${(ms / 1000).toFixed(1)} s`);
      resolve(ok);
    });
    child.on('error', (error) => {
      console.log(`[${name}] could not start: ${error.message}`);
      stages.push({ name, ok: false, ms: performance.now() - begin });
      resolve(false);
    });
  });
}

mkdirSync('test-results', { recursive: true });
const chromium = await run('chromium', ['tsx', 'scripts/ensureChromium.ts']);
const checks = await Promise.all([
  run('typecheck', ['tsc', '--noEmit'], true),
  run('lint', ['biome', 'check', '.'], true),
  run('unit', ['vitest', 'run', '--config', 'test/vitest.unit.config.ts']),
  run('build:e2e', ['wxt', 'build', '--mode', 'e2e'], true),
]);
const built = checks[3]!;
const browser =
  built && chromium && (await run('browser', ['vitest', 'run', '--config', 'test/vitest.browser.config.ts']));
const results = [...checks, browser];

console.log(`\nnpm test: ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
for (const stage of stages)
  console.log(
    `  ${stage.ok ? 'ok    ' : 'FAILED'} ${stage.name.padEnd(10)} ${(stage.ms / 1000).toFixed(1)} s`,
  );
process.exitCode = chromium && results.every(Boolean) ? 0 : 1;
