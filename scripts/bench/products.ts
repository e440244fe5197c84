import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../lib/core/engine/createEngine';
import type { EngineEvent } from '../../lib/core/engine/types';
import { ProductBook } from '../../lib/core/products/productBook';
import { rankProducts } from '../../lib/core/products/rankProducts';
import { scenarioEvents } from '../../lib/core/scenario/scenarioEvents';
import { scenarioSchema } from '../../lib/core/scenario/scenarioSchema';
import { productsEvents } from '../../lib/store/productEvents';
import { ProductLedger } from '../../lib/worker/session/productLedger';
import { detectionTable, formatDetectionTable, gradeRun } from '../replay/gradeRuns';
import { readRuns } from '../replay/readRuns';
import { replayRun } from '../replay/replayRun';
import { catalogOf, productEvening } from '../scenarios/productEvening';
import { eightHourEvents } from './engine';
import { REFERENCE_RATE, referenceRate } from './referenceRate';

// Products bench (issue 17): the engine's 8-hour replay with and without a 30-product table, side by side in
// one run (DESIGN.md §6: ≥ 1,000,000 samples/s either way), the cost of ranking the list, and detection
// delay and false cues of each product rule over the labelled scenarios of test/scenarios. As in the engine
// bench, each fold is judged as a ratio to the reference loop run just before and after it (issue 19), so a
// busy machine does not move the figure; it reads as samples/s at the reference machine's speed. The table
// is folded as a recorded session holds it (the budget's case: a refold, a replayed session) and as a
// scenario file's player hands it over (every changed row with its name and price, printed beside it).

const SCENARIO_DIR = fileURLToPath(new URL('../../test/scenarios/', import.meta.url));
const HOURS = 8;
const RUNS = 9;
const PRODUCT_RULES = [
  'stock-low',
  'product-fading',
  'product-hot-unpinned',
  'unpaid-orders',
  'product-dwell',
];

/**
 * The engine bench's 8-hour room with a 30-product table (redrawn every 3–6 s unless told otherwise) and a
 * product up every 5 minutes.
 */
export function eightHourProductEvents(productRefreshSec: number | [number, number] = [3, 6]): {
  startedAt: number;
  events: EngineEvent[];
} {
  const durationSec = HOURS * 3600;
  const products = catalogOf(30, 42).map((product) => ({ ...product, initialStock: 100_000 }));
  const pins: [number, string | null][] = [];
  for (let at = 0, i = 0; at < durationSec; at += 300, i++) pins.push([at, products[i % 30]!.id]);
  const scenario = scenarioSchema.parse(
    productEvening({
      name: 'bench-8h-products',
      description: '',
      durationSec,
      seed: 42,
      products,
      pins,
      productRefreshSec,
    }),
  );
  const room = eightHourEvents();
  // The engine bench's own room, with this evening's products events laid in at their times.
  const products_ = scenarioEvents(scenario).events.filter((event) => event.kind === 'products');
  const shift = room.startedAt - Date.parse(scenario.startAt!);
  const events: EngineEvent[] = [];
  let p = 0;
  for (const event of room.events) {
    while (p < products_.length && products_[p]!.ts + shift <= event.ts) {
      events.push({ ...products_[p]!, ts: products_[p]!.ts + shift });
      p++;
    }
    events.push(event);
  }
  return { startedAt: room.startedAt, events };
}

/**
 * The same evening as a recorded session: its products events filed by the worker's ledger (each product's
 * changed values, its name and price when they change, the pin when it moves), the stored rows read back as
 * IndexedDB hands them (a structured clone), and turned into events the one way a refold and the pages do.
 */
export function recordedProductEvents(evening: { startedAt: number; events: EngineEvent[] }): {
  startedAt: number;
  events: EngineEvent[];
} {
  const ledger = new ProductLedger('bench');
  const health = { rowsKnown: 0, domValues: 0, jsonValues: 0 };
  const stored: ReturnType<ProductLedger['file']>[] = [];
  for (const event of evening.events) {
    if (event.kind !== 'products') continue;
    const reading = { rows: [...event.rows], health, pinnedId: event.pinnedId };
    stored.push(ledger.file(event.ts, reading));
  }
  const readBack = structuredClone(stored);
  const products = productsEvents(
    readBack.flatMap((filed) => filed.snapshots),
    readBack.flatMap((filed) => filed.pins),
  );
  const events: EngineEvent[] = [];
  let p = 0;
  for (const event of evening.events) {
    if (event.kind === 'products') continue;
    while (p < products.length && products[p]!.ts <= event.ts) events.push(products[p++]!);
    events.push(event);
  }
  events.push(...products.slice(p));
  return { startedAt: evening.startedAt, events };
}

/** Samples folded per second of CPU time (the products events' cost counts, not their number). */
function foldRate(events: EngineEvent[], startedAt: number): number {
  const engine = createEngine();
  const state = engine.init('bench', startedAt);
  let samples = 0;
  const cpu = process.cpuUsage();
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.kind === 'sample') samples++;
    engine.step(state, event);
  }
  const used = process.cpuUsage(cpu);
  return samples / ((used.user + used.system) / 1e6);
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Changed rows over all products events. */
const rowsOf = (events: EngineEvent[]) =>
  events.reduce((sum, event) => sum + (event.kind === 'products' ? event.rows.length : 0), 0);

export async function run(): Promise<string[]> {
  const room = eightHourEvents();
  const busyPlayed = eightHourProductEvents();
  // The same evening with the table redrawn every 30 s, for how the cost follows the rows.
  const calmPlayed = eightHourProductEvents(30);
  const busy = recordedProductEvents(busyPlayed);
  const calm = recordedProductEvents(calmPlayed);
  const productEvents = busy.events.filter((event) => event.kind === 'products');
  // Each fold's events copied in one go (a structured clone, as IndexedDB hands rows back), so all five lie
  // in memory alike: the generator's objects lie scattered among its garbage, and where a later collection
  // happened to move them moved every figure by up to a third between runs.
  const laidOut = (fold: { startedAt: number; events: EngineEvent[] }) => ({
    startedAt: fold.startedAt,
    events: structuredClone(fold.events),
  });
  const folds = {
    room: laidOut(room),
    busy: laidOut(busy),
    calm: laidOut(calm),
    busyPlayed: laidOut(busyPlayed),
    calmPlayed: laidOut(calmPlayed),
  };
  type Fold = keyof typeof folds;
  const none = (): Record<Fold, number[]> => ({
    room: [],
    busy: [],
    calm: [],
    busyPlayed: [],
    calmPlayed: [],
  });
  const rates = none();
  const ratios = none();
  // Warm up (JIT), then interleave, so every fold sees the same machine, each beside reference runs.
  for (const key of Object.keys(folds) as Fold[]) foldRate(folds[key].events, folds[key].startedAt);
  let before = referenceRate();
  for (let i = 0; i < RUNS; i++) {
    for (const key of Object.keys(folds) as Fold[]) {
      const rate = foldRate(folds[key].events, folds[key].startedAt);
      const after = referenceRate();
      rates[key].push(rate);
      ratios[key].push(rate / ((before + after) / 2));
      before = after;
    }
  }
  const budgetRatio = 1_000_000 / REFERENCE_RATE;
  const figure = (key: Fold) => {
    const ratio = middle(ratios[key]);
    return `${((ratio * REFERENCE_RATE) / 1e6).toFixed(2)} M (ratio ${ratio.toFixed(3)}: ${ratio >= budgetRatio ? 'ok' : 'OVER'})`;
  };
  const cpuRate = (key: Fold) => `${(middle(rates[key]) / 1e6).toFixed(2)} M`;
  const played = (key: Fold) =>
    `${((middle(ratios[key]) * REFERENCE_RATE) / 1e6).toFixed(2)} M (ratio ${middle(ratios[key]).toFixed(3)})`;
  const lines = [
    `products: engine replay of a recorded session in samples/s at the reference machine's speed (ratio to the reference loop; budget ≥ 1 M = ratio ≥ ${budgetRatio.toFixed(3)}; medians of ${RUNS} interleaved folds over ${HOURS} h at 1 Hz): room alone ${figure('room')}; with a 30-product table redrawn every 3–6 s ${figure('busy')} (${productEvents.length} products events, ${rowsOf(busy.events)} changed rows); every 30 s ${figure('calm')} (${rowsOf(calm.events)} changed rows)`,
    `  the same evenings as a scenario file's player hands them over (every changed row with its name and price): every 3–6 s ${played('busyPlayed')}, every 30 s ${played('calmPlayed')}`,
    `  this run, samples/s of CPU: room alone ${cpuRate('room')}, every 3–6 s ${cpuRate('busy')} (played ${cpuRate('busyPlayed')}), every 30 s ${cpuRate('calm')} (played ${cpuRate('calmPlayed')})`,
  ];

  const book = new ProductBook();
  for (const event of productEvents) if (event.kind === 'products') book.apply(event);
  const end = productEvents.at(-1)!.ts;
  const rankRuns: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    rankProducts(book, end);
    rankRuns.push(performance.now() - start);
  }
  lines.push(
    `products: rankProducts over 30 products after ${HOURS} h: ${middle(rankRuns).toFixed(3)} ms (median of 50)`,
  );

  const grades = [];
  let hours = 0;
  for (const file of readdirSync(SCENARIO_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const json = JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8')) as { catalog?: unknown };
    if (!json.catalog) continue;
    const read = readRuns(json, file);
    if (!read.ok) {
      lines.push(`scenario ${read.error}`);
      continue;
    }
    for (const replay of read.runs) {
      hours += replay.durationSec / 3600;
      grades.push(gradeRun(replay, replayRun(replay)));
    }
  }
  lines.push(
    `product rules over the ${grades.length} scenarios with a product list (${hours.toFixed(1)} h):`,
  );
  lines.push(
    ...formatDetectionTable(detectionTable(grades).filter((row) => PRODUCT_RULES.includes(row.rule))),
  );
  lines.push(...grades.flatMap((grade) => grade.problems).map((problem) => `FAIL ${problem}`));
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const line of await run()) console.log(line);
}
