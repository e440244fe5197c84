import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import type { ColdStartMarks } from '../../lib/worker/coldStartProbe';
import { type CpuProfile, inExtension, median, type ProfileNode, profileTree } from '../node/cpuProfile';
import {
  E2E_BUILD_DIR,
  type ExtensionBrowser,
  ensureE2eBuild,
  launchWithExtension,
} from '../node/launchWithExtension';
import { startMockRoomServer } from '../node/mockRoomServer';
import { streamingScenario } from './coldStart';

// Where a restarted service worker's time goes, from its script's first instruction to its first stored
// sample: a V8 CPU profile of each start, taken from a browser-wide trace while the worker is stopped and
// runs: Chromium's tracing profiles each V8 isolate from its creation (category v8.cpu_profiler), so the
// restarted worker's profile holds its script's whole top level. Measuring better, never what counts.
// `npx tsx scripts/bench/coldStartProfile.ts [buildDir …]` (default: the e2e build); builds are profiled in
// turn, start by start, so a loaded machine moves them alike. A build with background.js.map is read through
// its source map. PROFILE_STARTS (default 7), PROFILE_DIR (writes each .cpuprofile there), PROFILE_READ (reads
// them back instead of running the browser), PROFILE_TRACE=0 (the marks alone: wall times without the profiler).

const STARTS = Number(process.env.PROFILE_STARTS ?? 7);
/** PROFILE_TRACE=0: only the starts' own marks, without the profiler's cost (builds still alternate). */
const TRACE = process.env.PROFILE_TRACE !== '0';

/** A place in the bundle → its source file:line and name; `anyColumn`: the line's first mapping at or after the column. */
type Mapper = (
  url: string,
  line: number,
  column: number,
  anyColumn?: boolean,
) => { file: string; name: string };

function mapperFor(dir: string): Mapper {
  const mapFile = join(dir, 'background.js.map');
  const consumer = existsSync(mapFile)
    ? new SourceMapConsumer(JSON.parse(readFileSync(mapFile, 'utf8')))
    : undefined;
  return (url, line, column, anyColumn = false) => {
    if (!consumer || !url.endsWith('background.js')) return { file: url.split('/').pop() ?? url, name: '' };
    const at = consumer.originalPositionFor({
      line: line + 1,
      column,
      ...(anyColumn && { bias: SourceMapConsumer.LEAST_UPPER_BOUND }),
    });
    const file = (at.source ?? '?').replace(/^.*node_modules\//, 'node_modules/').replace(/^(\.\.\/)+/, '');
    return { file: `${file}:${at.line}`, name: at.name ?? '' };
  };
}

interface StartShares {
  /** CPU (not idle) µs in the profile up to the first stored sample. */
  busyUs: number;
  /** µs by source file of the top frame that is ours, GC and natives charged to the frame below them. */
  byFile: Map<string, number>;
  /** µs by the top frame (a native, the collector, one of our functions). */
  self: Map<string, number>;
  /** µs of samples under the bundle's top-level evaluation (the modules and main). */
  topLevelUs: number;
  /** Of those, µs by source file as in byFile. */
  topLevelByFile: Map<string, number>;
  /** µs with each of our own functions (lib/, entrypoints/) on the stack, after the top level. */
  inclusive: Map<string, number>;
  /** The start's own marks (coldStartProbe.ts; wall time, inflated by the trace's profiler). */
  marks?: ColdStartMarks;
}

function shares(profile: CpuProfile, map: Mapper): StartShares {
  const { byId, parent } = profileTree(profile);
  const ours = inExtension;
  const byFile = new Map<string, number>();
  const self = new Map<string, number>();
  const topLevelByFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let busyUs = 0;
  let topLevelUs = 0;
  let previousFile = '(none)';
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const leaf = byId.get(profile.samples[i]!)!;
    const name = leaf.callFrame.functionName;
    if (name === '(idle)' || name === '(root)') continue;
    busyUs += dt;
    let nearest: ProfileNode | undefined;
    let outermost: ProfileNode | undefined;
    for (let at: number | undefined = leaf.id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      if (ours(n)) {
        nearest ??= n;
        outermost = n;
      }
    }
    // The bundle's own top level: an IIFE's anonymous function at line 1 (WXT's background wrapper).
    const topLevel =
      outermost !== undefined &&
      outermost.callFrame.lineNumber === 0 &&
      outermost.callFrame.columnNumber < 30;
    if (topLevel) topLevelUs += dt;
    else {
      const onStack = new Set<string>();
      for (let at: number | undefined = leaf.id; at !== undefined; at = parent.get(at)) {
        const n = byId.get(at)!;
        if (!ours(n)) continue;
        const m = map(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber);
        if (m.file.startsWith('lib/') || m.file.startsWith('entrypoints/'))
          onStack.add(`${m.name || n.callFrame.functionName || '(anonymous)'} ${m.file}`);
      }
      for (const k of onStack) add(inclusive, k, dt);
    }
    // The bundle's top level itself (a module's own statements): by the sample's line where the trace gives
    // it (an unminified build has a line per statement).
    const line = profile.lines?.[i] ?? 0;
    const file = nearest
      ? nearest === outermost && topLevel && line > 1
        ? map(nearest.callFrame.url, line - 1, 0, true).file
        : map(nearest.callFrame.url, nearest.callFrame.lineNumber, nearest.callFrame.columnNumber).file
      : name === '(garbage collector)'
        ? `(gc after ${previousFile})`
        : `(${name || 'native'})`;
    if (nearest) previousFile = file;
    add(byFile, file.replace(/:\d+$/, ''), dt);
    if (topLevel) add(topLevelByFile, file.replace(/:\d+$/, ''), dt);
    const where = ours(leaf)
      ? (() => {
          const m = map(leaf.callFrame.url, leaf.callFrame.lineNumber, leaf.callFrame.columnNumber);
          return `${m.name || leaf.callFrame.functionName || '(anonymous)'} ${m.file}`;
        })()
      : `${name || '(anonymous)'} [native] under ${file}`;
    add(self, where, dt);
  }
  return { busyUs, byFile, self, topLevelUs, topLevelByFile, inclusive };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    data?: {
      startTime?: number;
      cpuProfile?: { nodes?: (ProfileNode & { parent?: number })[]; samples?: number[] };
      timeDeltas?: number[];
      /** The line each sample was on (1-based), in Chromium's traces. */
      lines?: number[];
    };
  };
}

/** The restarted worker's CPU profile until its first stored sample, from a browser-wide trace. */
async function profileOneStart(
  browser: ExtensionBrowser,
): Promise<{ profile: CpuProfile; marks: ColdStartMarks }> {
  const chromium = browser.context.browser();
  if (!chromium) throw new Error('No browser-level CDP session');
  const cdp = await chromium.newBrowserCDPSession();
  const events: TraceEvent[] = [];
  const collected = (p: { value: object[] }) => events.push(...(p.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collected);
  if (TRACE)
    await cdp.send('Tracing.start', {
      traceConfig: {
        recordMode: 'recordAsMuchAsPossible',
        includedCategories: ['disabled-by-default-v8.cpu_profiler'],
      },
      transferMode: 'ReportEvents',
    });
  await browser.stopServiceWorker();
  let stored: number | undefined;
  for (let tries = 0; tries < 600 && stored === undefined; tries++) {
    const live = browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId));
    stored = live
      ? await live.evaluate(() => globalThis.livecueColdStart?.firstSampleStored).catch(() => undefined)
      : undefined;
    if (stored === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const live = browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId));
  const marks = await live?.evaluate(() => globalThis.livecueColdStart);
  if (TRACE) {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
  }
  await cdp.detach();
  if (!marks?.firstSampleStored) throw new Error('The restarted worker stored no sample');
  if (!TRACE) return { profile: { nodes: [], samples: [], timeDeltas: [], startTime: 0, endTime: 0 }, marks };
  // Each isolate's profile: a Profile event, then chunks of nodes (with their parent) and samples.
  const profiles = new Map<string, CpuProfile & { startedAt: number }>();
  for (const e of events) {
    const key = `${e.pid}:${e.id}`;
    if (e.name === 'Profile')
      profiles.set(key, {
        nodes: [],
        samples: [],
        timeDeltas: [],
        lines: [],
        startTime: e.args?.data?.startTime ?? e.ts,
        endTime: 0,
        startedAt: e.ts,
      });
    if (e.name !== 'ProfileChunk') continue;
    const profile = profiles.get(key);
    const data = e.args?.data;
    if (!profile || !data) continue;
    for (const node of data.cpuProfile?.nodes ?? []) {
      // The trace leaves out a frame's empty fields.
      const { functionName = '', url = '', lineNumber = 0, columnNumber = 0 } = node.callFrame;
      profile.nodes.push({
        ...node,
        callFrame: { functionName, url, lineNumber, columnNumber },
        children: [],
      });
    }
    profile.samples.push(...(data.cpuProfile?.samples ?? []));
    profile.timeDeltas.push(...(data.timeDeltas ?? []));
    profile.lines?.push(...(data.lines ?? (data.cpuProfile?.samples ?? []).map(() => 0)));
  }
  // The worker started after the stop: its profile is the last one that runs background.js.
  const candidates = [...profiles.values()]
    .filter((p) => p.nodes.some((n) => n.callFrame.url.endsWith(`${browser.extensionId}/background.js`)))
    .sort((x, y) => y.startedAt - x.startedAt);
  const profile = candidates[0];
  if (!profile) throw new Error('The trace holds no profile of the worker');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const node of profile.nodes as (ProfileNode & { parent?: number })[])
    if (node.parent !== undefined) byId.get(node.parent)?.children?.push(node.id);
  // Up to the first stored sample. The profile starts with the isolate, not at the script's time origin, so
  // the marks are placed from the end of the bundle's top level (its last sample there = listenersReady).
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const atTopLevel = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.url.endsWith('/background.js') && frame.lineNumber === 0 && frame.columnNumber < 30)
        return true;
    }
    return false;
  };
  let t = 0;
  let topLevelEnd = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    if (atTopLevel(profile.samples[i]!)) topLevelEnd = t;
  }
  const until = topLevelEnd + (marks.firstSampleStored - (marks.listenersReady ?? 0)) * 1000;
  t = 0;
  let n = 0;
  while (n < profile.timeDeltas.length && t + profile.timeDeltas[n]! <= until) t += profile.timeDeltas[n++]!;
  profile.samples.length = n;
  profile.timeDeltas.length = n;
  if (profile.lines) profile.lines.length = n;
  profile.endTime = profile.startTime + t;
  return { profile, marks };
}

async function main() {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    ensureE2eBuild();
    dirs.push(E2E_BUILD_DIR);
  }
  const results: StartShares[][] = dirs.map(() => []);
  const maps = dirs.map(mapperFor);
  const saved = process.env.PROFILE_READ;
  if (saved) {
    for (const name of readdirSync(saved)) {
      const [, b] = /^build(\d+)-\d+\.cpuprofile$/.exec(name) ?? [];
      if (b !== undefined && results[Number(b)])
        results[Number(b)]!.push(
          shares(JSON.parse(readFileSync(join(saved, name), 'utf8')), maps[Number(b)]!),
        );
    }
  } else await profileStarts(dirs, maps, results);
  report(dirs, results);
}

async function profileStarts(dirs: string[], maps: Mapper[], results: StartShares[][]) {
  const server = await startMockRoomServer(0);
  const outDir = process.env.PROFILE_DIR;
  if (outDir) mkdirSync(outDir, { recursive: true });
  const browsers = [];
  try {
    for (const dir of dirs) {
      const browser = await launchWithExtension({ extensionDir: dir });
      browsers.push(browser);
      const room = await browser.context.newPage();
      await room.goto(server.url);
      await room.waitForFunction('typeof window.mockRoom?.play === "function"');
      await room.evaluate((s) => window.mockRoom.play(s, { speed: 20 }), streamingScenario());
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (let i = 0; i < STARTS; i++) {
      for (const [b, browser] of browsers.entries()) {
        const { profile, marks } = await profileOneStart(browser);
        if (outDir) writeFileSync(join(outDir, `build${b}-${i}.cpuprofile`), JSON.stringify(profile));
        results[b]!.push({ ...shares(profile, maps[b]!), marks });
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
    }
  } finally {
    for (const browser of browsers) await browser.close();
    await server.close();
  }
}

function report(dirs: string[], results: StartShares[][]) {
  for (const [b, dir] of dirs.entries()) {
    const runs = results[b]!;
    const ms = (us: number) => (us / 1000).toFixed(1).padStart(5);
    console.log(
      TRACE
        ? `${dir}: CPU to the first stored sample median ${ms(median(runs.map((r) => r.busyUs)))} ms (each ${runs.map((r) => ms(r.busyUs).trim()).join(' ')}), of which top-level evaluation ${ms(median(runs.map((r) => r.topLevelUs)))} ms`
        : `${dir}:`,
    );
    const timed = runs.flatMap((r) => (r.marks ? [r.marks] : []));
    if (timed.length) {
      const of = (pick: (m: ColdStartMarks) => number) => {
        const values = timed.map(pick).sort((x, y) => x - y);
        return `${median(values).toFixed(1)} (p95 ${values[Math.ceil(values.length * 0.95) - 1]!.toFixed(1)})`;
      };
      console.log(
        `  wall ms, median of ${timed.length} starts${TRACE ? ' (profiler on)' : ''}: load ${of((m) => m.modulesStarted ?? 0)} + modules ${of((m) => (m.listenersReady ?? 0) - (m.modulesStarted ?? 0))}; first sample ${of((m) => m.firstSampleStored! - Math.max(m.firstRoomMessage ?? 0, m.listenersReady ?? 0))} after the room's message and the listeners; script start → first stored sample ${of((m) => m.firstSampleStored!)}`,
      );
    }
    if (!TRACE) continue;
    for (const [title, pick] of [
      ['top-level evaluation by source file (nearest extension frame)', (r: StartShares) => r.topLevelByFile],
      ['all by source file', (r: StartShares) => r.byFile],
      ['after the top level, inclusive by our function', (r: StartShares) => r.inclusive],
      ['self time', (r: StartShares) => r.self],
    ] as const) {
      console.log(`  ${title}, median ms over starts:`);
      const keys = new Set(runs.flatMap((r) => [...pick(r).keys()]));
      const rows = [...keys]
        .map((k) => [k, median(runs.map((r) => pick(r).get(k) ?? 0))] as const)
        .filter(([, us]) => us >= 200)
        .sort((x, y) => y[1] - x[1])
        .slice(0, 30);
      for (const [k, us] of rows) console.log(`    ${ms(us)}  ${k}`);
    }
  }
}

await main();
