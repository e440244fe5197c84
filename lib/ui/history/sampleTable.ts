import { METRIC_IDS, METRIC_KIND, type MetricId } from '../../core/metrics/metricCatalog';
import type { SampleRow } from '../../store/rows';

// Turns a session's samples (in time order, fed chunk by chunk) into the rows of the samples CSV: one
// row per second or per minute, with the derived metrics of DESIGN.md §2 (GPM, UV value, AOV) and
// per-minute rates of every counter over the trailing minute. Values are kept in arrays indexed like
// METRIC_IDS: an export runs this half a million times.

export type CsvResolution = 'second' | 'minute';

export const COUNTER_IDS = METRIC_IDS.filter((id) => METRIC_KIND[id] === 'counter');

const METRIC_COUNT = METRIC_IDS.length;
const IS_COUNTER = METRIC_IDS.map((id) => METRIC_KIND[id] === 'counter');
const COUNTER_INDEXES = COUNTER_IDS.map((id) => METRIC_IDS.indexOf(id));
const index = (id: MetricId) => METRIC_IDS.indexOf(id);
const INDEX_OF: Readonly<Record<string, number>> = Object.fromEntries(METRIC_IDS.map((id, i) => [id, i]));
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

interface Bucket {
  start: number;
  /** ts of the newest sample in the bucket: rates are measured between real readings. */
  at: number;
  samples: number;
  /** Counters: last value; gauges: running sum (divided by `counts` at the end). */
  values: (number | undefined)[];
  counts: number[];
  capped: Set<MetricId> | null;
  product: SampleRow['product'];
}

const round = (value: number, scale: number) => Math.round(value * scale) / scale;
const ratio = (top: number | undefined, bottom: number | undefined) =>
  top === undefined || bottom === undefined || bottom === 0 ? undefined : top / bottom;

export interface SampleTable {
  /** Adds samples (time order) and returns the rows completed so far. */
  add(samples: readonly SampleRow[]): SampleTableRow[];
  /** Returns the last row. */
  finish(): SampleTableRow[];
}

export function createSampleTable(resolution: CsvResolution): SampleTable {
  const bucketMs = resolution === 'minute' ? 60_000 : 1000;
  let open: Bucket | null = null;
  // Finished buckets (at, counter values) of the last minute and a bit: the oldest is the rate's reference.
  const recent: { at: number; values: (number | undefined)[] }[] = [];

  const emptyBucket = (start: number): Bucket => ({
    start,
    at: start,
    samples: 0,
    values: new Array(METRIC_COUNT).fill(undefined),
    counts: new Array(METRIC_COUNT).fill(0),
    capped: null,
    product: undefined,
  });

  function close(bucket: Bucket): SampleTableRow {
    const values = bucket.values;
    for (let i = 0; i < METRIC_COUNT; i++) {
      if (!IS_COUNTER[i] && values[i] !== undefined)
        values[i] = round(values[i]! / bucket.counts[i]!, 10_000);
    }
    const cutoff = bucket.at - 60_000;
    while (recent.length >= 2 && recent[1]!.at <= cutoff) recent.shift();
    const reference = recent[0];
    const perMinute: (number | undefined)[] = new Array(COUNTER_INDEXES.length).fill(undefined);
    if (reference && reference.at < bucket.at) {
      const minutes = (bucket.at - reference.at) / 60_000;
      COUNTER_INDEXES.forEach((metric, k) => {
        const now = values[metric];
        const then = reference.values[metric];
        if (now !== undefined && then !== undefined) perMinute[k] = round((now - then) / minutes, 100);
      });
    }
    recent.push({ at: bucket.at, values });
    const gmv = values[GMV];
    const gpm = ratio(gmv, values[VIEWS]);
    const uvValue = ratio(gmv, values[ENTRIES]);
    const aov = ratio(gmv, values[BUYERS]);
    const row: SampleTableRow = {
      ts: bucket.start,
      samples: bucket.samples,
      values,
      capped: bucket.capped ? [...bucket.capped] : [],
      product: bucket.product,
      perMinute,
    };
    if (gpm !== undefined) row.gpm = round(gpm * 1000, 100);
    if (uvValue !== undefined) row.uvValue = round(uvValue, 100);
    if (aov !== undefined) row.aov = round(aov, 100);
    return row;
  }

  return {
    add(samples) {
      const done: SampleTableRow[] = [];
      for (const sample of samples) {
        const start = sample.ts - (sample.ts % bucketMs);
        if (open && open.start !== start) {
          done.push(close(open));
          open = null;
        }
        open ??= emptyBucket(start);
        open.at = sample.ts;
        open.samples += 1;
        const { values, counts } = open;
        const metrics = sample.metrics as Record<string, number | null | undefined>;
        for (const key in metrics) {
          const i = INDEX_OF[key];
          const value = metrics[key];
          if (i === undefined || typeof value !== 'number') continue;
          if (IS_COUNTER[i]) values[i] = value;
          else values[i] = (values[i] ?? 0) + value;
          counts[i]! += 1;
        }
        if (sample.capped?.length) {
          open.capped ??= new Set();
          for (const id of sample.capped) open.capped.add(id);
        }
        if (sample.product !== undefined) open.product = sample.product;
      }
      return done;
    },
    finish() {
      const last = open ? [close(open)] : [];
      open = null;
      return last;
    },
  };
}

/** A row's value of one metric (for reading rows by name). */
export const metricValueOf = (row: SampleTableRow, id: MetricId) => row.values[METRIC_IDS.indexOf(id)];
/** A row's per-minute rate of one counter. */
export const rateOf = (row: SampleTableRow, id: MetricId) => row.perMinute[COUNTER_IDS.indexOf(id)];
