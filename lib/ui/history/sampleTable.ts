import { METRIC_IDS, METRIC_KIND, type MetricId } from '../../core/metrics/metricCatalog';
import { NUMBER } from '../../store/metricColumns';
import type { SampleRow } from '../../store/rows';
import type { SampleBlockRow } from '../../store/sampleBlocks';

// Turns a session's samples (in time order, fed chunk by chunk) into the rows of the samples CSV: one
// row per second or per minute, with the derived metrics of DESIGN.md §2 (GPM, UV value, AOV) and
// per-minute rates of every counter over the trailing minute. An export runs this half a million times,
// so the buckets live in typed arrays reused from row to row, packed blocks are read column by column
// (no row object is built), and each finished row is handed to a callback in one reused object.

export type CsvResolution = 'second' | 'minute';

export const COUNTER_IDS = METRIC_IDS.filter((id) => METRIC_KIND[id] === 'counter');

const METRIC_COUNT = METRIC_IDS.length;
const IS_COUNTER = METRIC_IDS.map((id) => METRIC_KIND[id] === 'counter');
const COUNTER_INDEXES = COUNTER_IDS.map((id) => METRIC_IDS.indexOf(id));
const COUNTER_COUNT = COUNTER_INDEXES.length;
const index = (id: MetricId) => METRIC_IDS.indexOf(id);
/** Metric id → its index in METRIC_IDS; a Map so that a stored key such as `constructor` is no metric. */
const INDEX_OF: ReadonlyMap<string, number> = new Map(METRIC_IDS.map((id, i) => [id, i]));
const GMV = index('gmv');
const VIEWS = index('views');
const ENTRIES = index('entries');
const BUYERS = index('buyers');

export interface SampleTableRow {
  /** Start of the second or minute. */
  ts: number;
  samples: number;
  /** In METRIC_IDS order: last value of a counter, mean of a gauge; undefined when never read. */
  values: (number | undefined)[];
  capped: MetricId[];
  product: SampleRow['product'];
  gpm?: number;
  uvValue?: number;
  aov?: number;
  /** In COUNTER_IDS order: change per minute over the trailing minute. */
  perMinute: (number | undefined)[];
}

/**
 * One finished row, handed to the callback in the same object each time (its arrays too): read it, or
 * copy it, before the callback returns. Derived values are undefined when they cannot be computed.
 */
export interface SampleTableLine {
  ts: number;
  samples: number;
  values: (number | undefined)[];
  capped: readonly MetricId[];
  product: SampleRow['product'];
  gpm: number | undefined;
  uvValue: number | undefined;
  aov: number | undefined;
  perMinute: (number | undefined)[];
}

const round = (value: number, scale: number) => Math.round(value * scale) / scale;
const ratio = (top: number | undefined, bottom: number | undefined) =>
  top === undefined || bottom === undefined || bottom === 0 ? undefined : top / bottom;
const NO_CAPS: readonly MetricId[] = Object.freeze([]);

export interface SampleBuckets {
  /** Adds samples (time order after those added before); calls back for each row they complete. */
  addRows(samples: readonly SampleRow[]): void;
  /** Adds a packed block's samples, read from its columns: the same rows as adding the block unpacked. */
  addBlock(block: SampleBlockRow): void;
  /** Completes the last row. */
  finish(): void;
}

/**
 * Counter values of the recent finished rows (a ring, oldest first): the oldest within the trailing
 * minute is the reference of each new row's rates.
 */
function createRecentRows() {
  let capacity = 128;
  let at = new Float64Array(capacity);
  let values = new Float64Array(capacity * COUNTER_COUNT);
  let has = new Uint8Array(capacity * COUNTER_COUNT);
  let head = 0;
  let length = 0;
  const grow = () => {
    const next = capacity * 2;
    const nextAt = new Float64Array(next);
    const nextValues = new Float64Array(next * COUNTER_COUNT);
    const nextHas = new Uint8Array(next * COUNTER_COUNT);
    for (let n = 0; n < length; n++) {
      const from = (head + n) % capacity;
      nextAt[n] = at[from]!;
      nextValues.set(values.subarray(from * COUNTER_COUNT, (from + 1) * COUNTER_COUNT), n * COUNTER_COUNT);
      nextHas.set(has.subarray(from * COUNTER_COUNT, (from + 1) * COUNTER_COUNT), n * COUNTER_COUNT);
    }
    capacity = next;
    at = nextAt;
    values = nextValues;
    has = nextHas;
    head = 0;
  };
  return {
    get length() {
      return length;
    },
    /** ts of the n-th oldest row kept. */
    at: (n: number) => at[(head + n) % capacity]!,
    dropOldest() {
      head = (head + 1) % capacity;
      length -= 1;
    },
    /** The n-th oldest row's value of the k-th counter, or undefined. */
    value(n: number, k: number) {
      const slot = ((head + n) % capacity) * COUNTER_COUNT + k;
      return has[slot] ? values[slot] : undefined;
    },
    push(rowAt: number, counters: readonly (number | undefined)[]) {
      if (length === capacity) grow();
      const slot = (head + length) % capacity;
      at[slot] = rowAt;
      for (let k = 0; k < COUNTER_COUNT; k++) {
        const value = counters[COUNTER_INDEXES[k]!];
        has[slot * COUNTER_COUNT + k] = value === undefined ? 0 : 1;
        values[slot * COUNTER_COUNT + k] = value ?? 0;
      }
      length += 1;
    },
  };
}

/** The samples CSV's rows, each handed to `onRow` as it completes (see SampleTableLine). */
export function createSampleBuckets(
  resolution: CsvResolution,
  onRow: (row: SampleTableLine) => void,
): SampleBuckets {
  const bucketMs = resolution === 'minute' ? 60_000 : 1000;
  // The open bucket. Counters keep their last value, gauges a running sum divided by `counts` at the end.
  let open = false;
  let start = 0;
  /** ts of the newest sample in the bucket: rates are measured between real readings. */
  let at = 0;
  let samples = 0;
  const sums = new Float64Array(METRIC_COUNT);
  const counts = new Uint32Array(METRIC_COUNT);
  let capped: Set<MetricId> | null = null;
  let product: SampleRow['product'];
  const recent = createRecentRows();
  const line: SampleTableLine = {
    ts: 0,
    samples: 0,
    values: new Array<number | undefined>(METRIC_COUNT).fill(undefined),
    capped: NO_CAPS,
    product: undefined,
    gpm: undefined,
    uvValue: undefined,
    aov: undefined,
    perMinute: new Array<number | undefined>(COUNTER_COUNT).fill(undefined),
  };

  function close() {
    const values = line.values;
    for (let i = 0; i < METRIC_COUNT; i++) {
      if (counts[i] === 0) values[i] = undefined;
      else values[i] = IS_COUNTER[i] ? sums[i]! : round(sums[i]! / counts[i]!, 10_000);
    }
    const cutoff = at - 60_000;
    while (recent.length >= 2 && recent.at(1) <= cutoff) recent.dropOldest();
    const perMinute = line.perMinute;
    perMinute.fill(undefined);
    if (recent.length > 0 && recent.at(0) < at) {
      const minutes = (at - recent.at(0)) / 60_000;
      for (let k = 0; k < COUNTER_COUNT; k++) {
        const now = values[COUNTER_INDEXES[k]!];
        const then = recent.value(0, k);
        if (now !== undefined && then !== undefined) perMinute[k] = round((now - then) / minutes, 100);
      }
    }
    recent.push(at, values);
    const gmv = values[GMV];
    const gpm = ratio(gmv, values[VIEWS]);
    const uvValue = ratio(gmv, values[ENTRIES]);
    const aov = ratio(gmv, values[BUYERS]);
    line.ts = start;
    line.samples = samples;
    line.capped = capped ? [...capped] : NO_CAPS;
    line.product = product;
    line.gpm = gpm === undefined ? undefined : round(gpm * 1000, 100);
    line.uvValue = uvValue === undefined ? undefined : round(uvValue, 100);
    line.aov = aov === undefined ? undefined : round(aov, 100);
    open = false;
    onRow(line);
  }

  /** Moves to the bucket of a sample at `ts`, closing the one before when it differs. */
  function enter(ts: number) {
    const bucketStart = ts - (ts % bucketMs);
    if (open && start !== bucketStart) close();
    if (!open) {
      open = true;
      start = bucketStart;
      samples = 0;
      sums.fill(0);
      counts.fill(0);
      capped = null;
      product = undefined;
    }
    at = ts;
    samples += 1;
  }

  function addValue(i: number, value: number) {
    // A gauge's sum starts at 0 (so a lone -0 reads 0, as it always has).
    sums[i] = IS_COUNTER[i] ? value : sums[i]! + value;
    counts[i]! += 1;
  }

  function addCaps(ids: readonly MetricId[] | undefined) {
    if (!ids?.length) return;
    capped ??= new Set();
    for (const id of ids) capped.add(id);
  }

  return {
    addRows(rows) {
      for (const sample of rows) {
        enter(sample.ts);
        const metrics = sample.metrics as Record<string, number | null | undefined>;
        for (const key in metrics) {
          const i = INDEX_OF.get(key);
          const value = metrics[key];
          if (i !== undefined && typeof value === 'number') addValue(i, value);
        }
        addCaps(sample.capped);
        if (sample.product !== undefined) product = sample.product;
      }
    },
    addBlock(block) {
      // The block's columns that are metrics, each with its METRIC_IDS index.
      const columns: { index: number; values: Float64Array; kinds: Uint8Array }[] = [];
      for (const id of Object.keys(block.metrics)) {
        const i = INDEX_OF.get(id);
        if (i !== undefined) columns.push({ index: i, ...block.metrics[id]! });
      }
      const cappedRuns = block.capped;
      const productRuns = block.product;
      let c = 0;
      let p = 0;
      for (let r = 0; r < block.count; r++) {
        enter(block.times[r]!);
        for (const column of columns) {
          if (column.kinds[r] === NUMBER) addValue(column.index, column.values[r]!);
        }
        while (c + 1 < cappedRuns.length && cappedRuns[c + 1]!.from <= r) c++;
        const caps = cappedRuns[c];
        if (caps && !caps.absent) addCaps(caps.value);
        while (p + 1 < productRuns.length && productRuns[p + 1]!.from <= r) p++;
        const run = productRuns[p];
        if (run && !run.absent && run.value !== undefined) product = run.value;
      }
    },
    finish() {
      if (open) close();
    },
  };
}

export interface SampleTable {
  /** Adds samples (time order) and returns the rows completed so far. */
  add(samples: readonly SampleRow[]): SampleTableRow[];
  /** Returns the last row. */
  finish(): SampleTableRow[];
}

/** The samples CSV's rows as objects of their own (for reading a few; the export writes lines instead). */
export function createSampleTable(resolution: CsvResolution): SampleTable {
  let done: SampleTableRow[] = [];
  const buckets = createSampleBuckets(resolution, (line) => {
    const row: SampleTableRow = {
      ts: line.ts,
      samples: line.samples,
      values: [...line.values],
      capped: [...line.capped],
      product: line.product,
      perMinute: [...line.perMinute],
    };
    if (line.gpm !== undefined) row.gpm = line.gpm;
    if (line.uvValue !== undefined) row.uvValue = line.uvValue;
    if (line.aov !== undefined) row.aov = line.aov;
    done.push(row);
  });
  const take = () => {
    const rows = done;
    done = [];
    return rows;
  };
  return {
    add(samples) {
      buckets.addRows(samples);
      return take();
    },
    finish() {
      buckets.finish();
      return take();
    },
  };
}

/** A row's value of one metric (for reading rows by name). */
export const metricValueOf = (row: SampleTableRow, id: MetricId) => row.values[METRIC_IDS.indexOf(id)];
/** A row's per-minute rate of one counter. */
export const rateOf = (row: SampleTableRow, id: MetricId) => row.perMinute[COUNTER_IDS.indexOf(id)];
