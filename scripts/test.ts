import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { clockTicksPerSecond, ProcSampler } from './node/processTreeCpu';

// `npm test`: every check the README lists, each once, each started as soon as what it needs is there:
// typecheck, lint, the unit tests and the builds (e2e, then production) start at once, and the browser
// tests start as soon as the e2e build is done, beside whatever of the others still runs. No stage runs at a
// lower priority: Linux groups CPU time by session (autogroup), and Playwright starts each Chromium in a
// session of its own, so the browsers get their share whatever the priority of the stages here; a `nice`
// stage yielded instead to whatever else ran in the terminal's session — a busy loop beside `npm test` took
// three times the CPU of each niced stage. For the same reason each stage runs in a session of its own
// (detached): sharing the terminal's, all of them together got one group's share beside each browser, and
// the unit tests (~80 s of CPU) waited for it until after the browser tests ended. A stage so detached
// does not hear the terminal's Ctrl+C: an interrupt here stops every stage's process group, then exits.
// The hang guards of every suite are sized for a busy machine.
// Each stage's time is printed with the CPU (user + system)
// its processes took — on a shared machine the wall times move with the load, the CPU much less — and each
// suite's time per file. Exits non-zero when any stage failed; a failed check does not stop the others, so
// one run says everything.

interface Stage {
  name: string;
  ok: boolean;
  ms: number;
  /** CPU seconds of the stage's whole process tree (sampled from /proc; null where there is none). */
  cpu: number | null;
}

const started = performance.now();
const stages: Stage[] = [];
// One look a second at the stages' process trees (Linux /proc; elsewhere no CPU is printed).
const sampler = new ProcSampler();
const ticksPerSecond = clockTicksPerSecond();
const sampling = setInterval(() => sampler.sample(), 1000);
const cpuOf = (pid: number | undefined): number | null => {
  if (pid === undefined || process.platform !== 'linux') return null;
  sampler.sample();
  return sampler.trees.ticksOf(pid) / ticksPerSecond;
};

/** Stages still running, by the pid that leads each one's process group. */
const running = new Set<number>();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    for (const pid of running) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

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
      detached: true,
    });
    if (child.pid !== undefined) {
      sampler.trees.addRoot(child.pid);
      running.add(child.pid);
    }
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
      if (child.pid !== undefined) running.delete(child.pid);
      for (const rest of [outRest.rest, errRest.rest])
        if (rest) quiet ? kept.push(rest) : process.stdout.write(`[${name}] ${rest}\n`);
      const ok = code === 0;
      const ms = performance.now() - begin;
      const cpu = cpuOf(child.pid);
      stages.push({ name, ok, ms, cpu });
      if (quiet && !ok) for (const line of kept) process.stdout.write(`[${name}] ${line}\n`);
      console.log(
        `[${name}] ${ok ? 'passed' : 'FAILED'} in ${(ms / 1000).toFixed(1)} s` +
          (cpu === null ? '' : ` (CPU ${cpu.toFixed(1)} s)`),
      );
      resolve(ok);
    });
    child.on('error', (error) => {
      console.log(`[${name}] could not start: ${error.message}`);
      stages.push({ name, ok: false, ms: performance.now() - begin, cpu: null });
      resolve(false);
    });
  });
}

const BUILDING = '.output/chrome-mv3.building';

mkdirSync('test-results', { recursive: true });
const chromium = run('chromium', ['tsx', 'scripts/ensureChromium.ts']);
// The browser tests start once the e2e build is done. The production build follows it (two WXT builds
// share .wxt/), marked as under way so the one browser file that needs it (test/browser/realProducts.test.ts,
// what an operator installs) waits for it instead of building it again. Only that file waits on it, and
// it starts after the longest three.
const e2eBuilt = run('build:e2e', ['wxt', 'build', '--mode', 'e2e'], true);
const productionBuilt = e2eBuilt.then(async () => {
  mkdirSync('.output', { recursive: true });
  writeFileSync(BUILDING, 'scripts/test.ts is building the production extension\n');
  try {
    return await run('build', ['wxt', 'build'], true);
  } finally {
    rmSync(BUILDING, { force: true });
  }
});
const browser = Promise.all([chromium, e2eBuilt]).then(
  ([haveChromium, built]) =>
    haveChromium && built && run('browser', ['vitest', 'run', '--config', 'test/vitest.browser.config.ts']),
);
const results = await Promise.all([
  chromium,
  run('typecheck', ['tsc', '--noEmit'], true),
  run('lint', ['biome', 'check', '.'], true),
  run('unit', ['vitest', 'run', '--config', 'test/vitest.unit.config.ts']),
  e2eBuilt,
  productionBuilt,
  browser,
]);

clearInterval(sampling);
const cpuTotal = stages.reduce((sum, stage) => sum + (stage.cpu ?? 0), 0);
console.log(
  `\nnpm test: ${((performance.now() - started) / 1000).toFixed(0)} s in all` +
    (cpuTotal ? `, ${cpuTotal.toFixed(0)} s of CPU (user + system, sampled each second)` : ''),
);
for (const stage of stages)
  console.log(
    `  ${stage.ok ? 'ok    ' : 'FAILED'} ${stage.name.padEnd(10)} ${(stage.ms / 1000).toFixed(1).padStart(6)} s` +
      (stage.cpu === null ? '' : `  CPU ${stage.cpu.toFixed(1).padStart(6)} s`),
  );
process.exitCode = results.every(Boolean) ? 0 : 1;
