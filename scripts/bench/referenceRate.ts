import { Worker } from 'node:worker_threads';

// The fixed reference loop the engine and products benches judge their folds against (issue 19), and where it
// runs: in a thread of its own, so its heap is its own. Run in the bench's thread it shared a heap holding the
// folds' events (hundreds of MB laid out for the products bench) and its collections paid for them: it ran at
// 42–52 M it/s there against ~70 M alone on the same machine in the same minute, moving with the heap from run
// to run, and every ratio to it read the bench's heap as much as the machine. The folds allocate little and
// ran as fast beside a small heap as beside the big one.

/** Reference loop iterations per second of CPU on the 2-core development machine (Node 20): the best of 60 runs. */
export const REFERENCE_RATE = 58_000_000;
const REFERENCE_ITERATIONS = 2_000_000;
/** A run takes ~30 ms; its thread starting takes less than a second even on a loaded machine. */
const WAIT_MS = 60_000;

/**
 * The reference: a fixed loop of what a fold does most (float arithmetic, typed-array ring writes, Map
 * counters, small-object reads), so a machine's noise slows it as it slows the engine. Never changed: the
 * ratio is only comparable against the same loop. Self-contained (its source is what its thread runs).
 */
export function referenceLoop(iterations: number): number {
  const ring = new Float64Array(64);
  const recent: { ts: number; value: number }[] = new Array(256);
  const counts = new Map<number, number>();
  let mean = 0;
  let hash = 2166136261;
  for (let i = 0; i < iterations; i++) {
    hash = Math.imul(hash ^ i, 16777619) >>> 0;
    // A fresh small object per step, kept a while, as events and their states are: the GC's share too.
    const point = { ts: i * 1000, value: (hash & 1023) + 500 };
    recent[i & 255] = point;
    ring[i & 63] = point.value;
    mean += (point.value - mean) * 0.05;
    const key = hash & 127;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (point.value > mean * 1.8) mean = ring[(i + 1) & 63]!;
  }
  return mean + counts.size;
}

/** The state word the two threads hand a run over by: IDLE (the result is in), RUN (asked). */
const IDLE = 0;
const RUN = 1;

/**
 * The thread's script: waits to be asked, runs the loop once, leaves its rate (NaN: the loop broke). The
 * bench's thread waits on the same word meanwhile, so the process's CPU time is the loop's.
 */
const threadSource = `
const { workerData } = require('node:worker_threads');
const referenceLoop = ${referenceLoop.toString()};
const state = new Int32Array(workerData.state);
const rate = new Float64Array(workerData.rate);
for (;;) {
  Atomics.wait(state, 0, ${IDLE});
  const cpu = process.cpuUsage();
  const sink = referenceLoop(${REFERENCE_ITERATIONS});
  const used = process.cpuUsage(cpu);
  rate[0] = Number.isNaN(sink) ? Number.NaN : ${REFERENCE_ITERATIONS} / ((used.user + used.system) / 1e6);
  Atomics.store(state, 0, ${IDLE});
  Atomics.notify(state, 0);
}`;

let thread: { state: Int32Array; rate: Float64Array } | undefined;

function startThread(): { state: Int32Array; rate: Float64Array } {
  const state = new Int32Array(new SharedArrayBuffer(4));
  const rate = new Float64Array(new SharedArrayBuffer(8));
  const worker = new Worker(threadSource, {
    eval: true,
    workerData: { state: state.buffer, rate: rate.buffer },
  });
  // It never ends by itself: it must not keep the bench's process alive.
  worker.unref();
  return { state, rate };
}

/**
 * Reference loop iterations per second of CPU time, run in its own thread while this one waits: synchronous, so
 * a bench takes it in turn with its folds as before.
 */
export function referenceRate(): number {
  thread ??= startThread();
  const { state, rate } = thread;
  Atomics.store(state, 0, RUN);
  Atomics.notify(state, 0);
  const started = Date.now();
  while (Atomics.load(state, 0) === RUN) {
    if (Atomics.wait(state, 0, RUN, WAIT_MS) === 'timed-out' || Date.now() - started > WAIT_MS)
      throw new Error(`the reference loop's thread did not answer in ${WAIT_MS / 1000} s`);
  }
  if (Number.isNaN(rate[0]!)) throw new Error('reference loop broke');
  return rate[0]!;
}
