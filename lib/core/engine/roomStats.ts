import { METRIC_IDS, type MetricId } from '../metrics/metricCatalog';
import { ProductBook } from '../products/productBook';
import type { ProductsEvent } from '../products/productContract';
import { readMetricValues } from './readMetricValues';
import type { OnAirProduct, PlanSlot } from './types';

// The engine's rolling view of a room: one value per second per series in a ring buffer (carried forward
// over seconds with no sample, because the page still shows the last number), O(1) windowed means and
// EWMA baselines updated as each second is written, and how often each number really changes on the page
// (its cadence), learnt from the samples. Unknown values are NaN, never 0.

/** Series index of each canonical metric, then the derived gauges. */
export const S = {
  viewers: 0,
  entries: 1,
  views: 2,
  gmv: 3,
  orders: 4,
  buyers: 5,
  productClicks: 6,
  comments: 7,
  likes: 8,
  newFollowers: 9,
  avgWatchSec: 10,
  conversionRate: 11,
  /** GMV per thousand views. */
  gpm: 12,
  /** GMV per entry (unique viewer). */
  uvValue: 13,
} as const satisfies Record<MetricId | 'gpm' | 'uvValue', number>;
export type SeriesName = keyof typeof S;
export const SERIES_NAMES = Object.keys(S) as SeriesName[];
const METRIC_COUNT = METRIC_IDS.length;
export const SERIES_COUNT = METRIC_COUNT + 2;

/** One hour of seconds: every window a rule may ask for fits. */
export const RING_SECONDS = 3600;

/**
 * `silent`: no samples (the page is gone); `frozen`: samples but no number changes (the page froze);
 * `stuck` / `lost`: one number stopped changing or became unreadable while others move (the reader lost it).
 */
export type StaleKind = 'fresh' | 'stuck' | 'lost' | 'frozen' | 'silent';

/** Bits of every series: a stale mask with all of them set means the whole page is stale. */
export const ALL_SERIES = (1 << SERIES_COUNT) - 1;

/** The bit of a series in a stale mask. */
export const bit = (series: number) => 1 << series;

/** Called with each known value of a series, in time order; `changed` when it differs from the one before. */
export interface SeriesObserver {
  observe(ts: number, value: number, changed: boolean): void;
}

/** A cadence estimate moves by 1/8 of each new gap, and a gap counts at most 4× the estimate (a pause is not a cadence). */
const CADENCE_WEIGHT = 1 / 8;
const CADENCE_CLAMP = 4;

/** Running mean of intervals in seconds: plain mean over the first 8, then an exponential one, outliers clamped. */
function nextCadence(current: number, count: number, gapSec: number): number {
  if (!(current >= 0)) return gapSec;
  const clamped = Math.min(gapSec, current * CADENCE_CLAMP);
  return current + (count >= 8 ? CADENCE_WEIGHT : 1 / count) * (clamped - current);
}

/** Mean of one series over the last `seconds` written seconds, skipping unknown ones. */
export class WindowMean {
  sum = 0;
  count = 0;
  constructor(
    readonly series: number,
    readonly seconds: number,
  ) {}
  get mean(): number {
    return this.count > 0 ? this.sum / this.count : Number.NaN;
  }
}

/** Exponentially weighted mean per second of one series; NaN until the first known value. */
export class Ewma {
  value = Number.NaN;
  readonly alpha: number;
  constructor(
    readonly series: number,
    halfLifeSec: number,
  ) {
    this.alpha = 1 - 2 ** (-1 / Math.max(1, halfLifeSec));
  }
}

export class RoomStats {
  /** Seconds-since-start of the newest written second; −1 before the first sample. */
  sec = -1;
  firstSec = -1;
  /** ts of the newest event of any kind. */
  now: number;
  lastSampleTs = Number.NaN;
  sampleCount = 0;
  /** Mean seconds between samples. */
  sampleGapSec = Number.NaN;
  /** Latest value per series (NaN: unknown). */
  readonly last = new Float64Array(SERIES_COUNT).fill(Number.NaN);
  /** ts of the last change of each series' value, and how often it changed (for data-stale). */
  readonly lastChangeTs = new Float64Array(SERIES_COUNT).fill(Number.NaN);
  readonly changeCount = new Uint32Array(SERIES_COUNT);
  /** Mean seconds between changes of each metric: how often the page really redraws it with a new number. */
  readonly changeGapSec = new Float64Array(SERIES_COUNT).fill(Number.NaN);
  /** ts of the last sample in which each metric had a number, and how many did. */
  readonly lastSeenTs = new Float64Array(SERIES_COUNT).fill(Number.NaN);
  readonly seenCount = new Uint32Array(SERIES_COUNT);
  /** The page as a whole: the last sample in which any number changed, how often that happens, and how many did. */
  lastAnyChangeTs = Number.NaN;
  anyChangeGapSec = Number.NaN;
  anyChangeCount = 0;
  /** What the content script last said: no number on the page changed for this many seconds, as of `reportedAt`. */
  reportedFrozenSec = 0;
  reportedAt = Number.NaN;
  /**
   * Series the engine knows are stale now (bits of `S`), set by the staleness tracker after each event;
   * ALL_SERIES when the whole page froze or went silent. Rules that read a stale series do not run.
   */
  staleMask = 0;
  /** What kind of staleness, since when (ts), and for `stuck` / `lost` which metric (series index, else −1). */
  staleKind: StaleKind = 'fresh';
  staleSince = Number.NaN;
  staleSeries = -1;
  /**
   * The whole page has been still (or silent) for a few redraws: not yet known stale, but no rule other than
   * data-stale acts on it until the numbers move again or the staleness is confirmed.
   */
  pageSuspect = false;
  /** Bumped each time a series turns stale, so trackers know to learn the room afresh. */
  readonly staleEpoch = new Uint32Array(SERIES_COUNT);
  private readonly sharedParts = new Map<string, unknown>();
  private readonly observers: SeriesObserver[] = [];
  private readonly observedSeries: number[] = [];
  private readonly ring: Float64Array;
  private readonly windows: WindowMean[] = [];
  private readonly ewmas: Ewma[] = [];

  product: OnAirProduct | null = null;
  /** The product table's per-product state (products events); empty on pages without one. */
  readonly products = new ProductBook();
  /**
   * The product table said which product is pinned / explained: from then on the pin comes from there (real
   * explain spans), not from the samples' product.
   */
  pinsFromTable = false;
  /** Identity of the product (id, else name) and when it came on screen. */
  productKey = '';
  productSinceTs = Number.NaN;
  /** Whether any sample ever carried product information. */
  productSeen = false;
  plan: PlanSlot[] | null = null;
  planSetAt = Number.NaN;

  /** `ringSeconds`: how much history to keep (an hour for the engine; a face reading ten minutes needs less). */
  constructor(
    readonly startedAt: number,
    readonly ringSeconds = RING_SECONDS,
  ) {
    this.now = startedAt;
    this.ring = new Float64Array(SERIES_COUNT * ringSeconds).fill(Number.NaN);
  }

  /** Registers a windowed mean; call before the first sample (rules do it when they are created). */
  meanOver(series: number, seconds: number): WindowMean {
    const existing = this.windows.find((w) => w.series === series && w.seconds === seconds);
    if (existing) return existing;
    const window = new WindowMean(series, Math.max(1, Math.min(this.ringSeconds - 1, Math.round(seconds))));
    this.windows.push(window);
    return window;
  }

  ewma(series: number, halfLifeSec: number): Ewma {
    const existing = this.ewmas.find(
      (e) => e.series === series && e.alpha === new Ewma(series, halfLifeSec).alpha,
    );
    if (existing) return existing;
    const ewma = new Ewma(series, halfLifeSec);
    this.ewmas.push(ewma);
    return ewma;
  }

  /** One part several rules share (traffic-drop and traffic-surge read one viewer level), made once by key. */
  shared<T>(key: string, make: () => T): T {
    let part = this.sharedParts.get(key) as T | undefined;
    if (part === undefined) {
      part = make();
      this.sharedParts.set(key, part);
    }
    return part;
  }

  /** Hands every new value of `series` to `observer` (rules do it when they are created). */
  observe(series: number, observer: SeriesObserver): void {
    this.observers.push(observer);
    this.observedSeries.push(series);
  }

  /** Mean seconds between changes of a series; NaN until it changed twice. */
  cadenceSec(series: number): number {
    return this.changeGapSec[series]!;
  }

  /**
   * A window long enough to hold `updates` changes of `series` at its own cadence, and at least `seconds`:
   * a dashboard that redraws a counter every 30 s is judged over more seconds than one that redraws it
   * every second. Never longer than the ring holds.
   */
  windowFor(series: number, seconds: number, updates = 6): number {
    const cadence = this.changeGapSec[series]!;
    const wanted = cadence * updates > seconds ? Math.ceil(cadence * updates) : seconds;
    return Math.min(this.ringSeconds - 1, wanted);
  }

  /** Seconds of history written so far. */
  get historySec(): number {
    return this.sec < 0 ? 0 : this.sec - this.firstSec;
  }

  /** The value `secondsAgo` before the newest second, or NaN outside the history. */
  valueAgo(series: number, secondsAgo: number): number {
    const target = this.sec - Math.round(secondsAgo);
    const size = this.ringSeconds;
    if (target < this.firstSec || target > this.sec || this.sec - target >= size) return Number.NaN;
    return this.ring[series * size + (target % size)]!;
  }

  /** Growth of a counter over the last `seconds` (NaN when either end is unknown or out of history). */
  delta(series: number, seconds: number): number {
    return this.last[series]! - this.valueAgo(series, seconds);
  }

  /** Growth per minute of a counter over the last `seconds`. */
  ratePerMin(series: number, seconds: number): number {
    return (this.delta(series, seconds) * 60) / seconds;
  }

  /** Growth per minute of a counter over `[now − from, now − to]` seconds ago. */
  rateBetween(series: number, fromAgo: number, toAgo: number): number {
    return ((this.valueAgo(series, toAgo) - this.valueAgo(series, fromAgo)) * 60) / (fromAgo - toAgo);
  }

  /** Mean of a series over `[now − from, now − to]` seconds ago, read from the ring (O(window)). */
  meanBetween(series: number, fromAgo: number, toAgo: number): number {
    let sum = 0;
    let count = 0;
    for (let ago = Math.round(fromAgo); ago >= Math.round(toAgo); ago--) {
      const value = this.valueAgo(series, ago);
      if (!Number.isNaN(value)) {
        sum += value;
        count++;
      }
    }
    return count > 0 ? sum / count : Number.NaN;
  }

  /** Folds one sample in; `metrics` values may be null or absent (unknown). */
  addSample(
    ts: number,
    metrics: Partial<Record<MetricId, number | null>>,
    product: OnAirProduct | null | undefined,
    frozenSec?: number,
  ) {
    this.now = ts;
    if (!Number.isNaN(this.lastSampleTs) && ts > this.lastSampleTs) {
      this.sampleGapSec = nextCadence(this.sampleGapSec, this.sampleCount, (ts - this.lastSampleTs) / 1000);
    }
    this.lastSampleTs = ts;
    this.sampleCount++;
    if (frozenSec !== undefined) {
      this.reportedFrozenSec = frozenSec;
      this.reportedAt = ts;
    }
    const last = this.last;
    const sec = Math.max(0, Math.floor((ts - this.startedAt) / 1000));
    // Seconds without a sample showed the previous numbers: keep them to carry over a gap (a sample a
    // second leaves none, and copies nothing).
    if (sec > this.sec + 1) this.carry.set(last);
    let anyChange = false;
    let changedMask = 0;
    const incoming = this.incoming;
    readMetricValues(metrics, incoming);
    for (let i = 0; i < METRIC_COUNT; i++) {
      const value = incoming[i]!;
      if (!Number.isNaN(value)) {
        this.lastSeenTs[i] = ts;
        this.seenCount[i]!++;
        if (value !== last[i]) {
          anyChange = true;
          changedMask |= 1 << i;
          this.noteChange(i, ts);
        }
      }
      last[i] = value;
    }
    const observers = this.observers;
    for (let o = 0; o < observers.length; o++) {
      const series = this.observedSeries[o]!;
      const value = last[series]!;
      if (!Number.isNaN(value)) observers[o]!.observe(ts, value, (changedMask & (1 << series)) !== 0);
    }
    if (anyChange) {
      if (!Number.isNaN(this.lastAnyChangeTs) && ts > this.lastAnyChangeTs) {
        this.anyChangeGapSec = nextCadence(
          this.anyChangeGapSec,
          this.anyChangeCount,
          (ts - this.lastAnyChangeTs) / 1000,
        );
      }
      this.lastAnyChangeTs = ts;
      this.anyChangeCount++;
    }
    const gmv = last[S.gmv]!;
    const views = last[S.views]!;
    const entries = last[S.entries]!;
    last[S.gpm] = views > 0 ? (gmv * 1000) / views : Number.NaN;
    last[S.uvValue] = entries > 0 ? gmv / entries : Number.NaN;

    if (product !== undefined && !this.pinsFromTable) {
      const key = product ? (product.id ?? product.name) : '';
      if (product) this.productSeen = true;
      if (key !== this.productKey || Number.isNaN(this.productSinceTs)) {
        this.productKey = key;
        this.productSinceTs = ts;
      }
      this.product = product;
    }

    if (this.sec < 0 || sec - this.sec > this.ringSeconds) {
      // First sample, or a gap longer than the ring: start the history here rather than fill an hour of copies.
      this.resetHistory(sec);
      return;
    }
    if (sec <= this.sec) {
      // Another sample in the same second (or a late one): it replaces the newest second's values.
      this.writeSecond(this.sec, last, true);
      return;
    }
    for (let s = this.sec + 1; s < sec; s++) {
      this.sec = s;
      this.writeSecond(s, this.carry, false);
    }
    this.sec = sec;
    this.writeSecond(sec, last, false);
  }

  /** Folds a products event in; a page that tells the pinned product sets the product on screen. */
  addProducts(event: ProductsEvent) {
    this.now = Math.max(this.now, event.ts);
    const book = this.products;
    book.apply(event);
    if (event.pinnedId === undefined) return;
    this.pinsFromTable = true;
    const pinned = book.pinned;
    const key = pinned ? pinned.id : '';
    if (key !== this.productKey || Number.isNaN(this.productSinceTs)) {
      this.productKey = key;
      this.productSinceTs = book.pinnedSince;
    }
    if (pinned) {
      this.productSeen = true;
      // A page that tells the pin says it with every redraw: a new object only when what it says moved.
      const shown = this.product;
      if (shown?.id === pinned.id && shown.name === pinned.name && shown.price === pinned.price) return;
      this.product =
        pinned.price === undefined
          ? { id: pinned.id, name: pinned.name }
          : { id: pinned.id, name: pinned.name, price: pinned.price };
    } else {
      this.product = null;
    }
  }

  private readonly carry = new Float64Array(SERIES_COUNT).fill(Number.NaN);
  /** The sample being added, in METRIC_IDS order. */
  private readonly incoming = new Float64Array(METRIC_COUNT);

  private noteChange(i: number, ts: number) {
    const previous = this.lastChangeTs[i]!;
    // A gap across a frozen or silent page says nothing about the page's cadence.
    if (!Number.isNaN(previous) && ts > previous && this.staleMask !== ALL_SERIES) {
      this.changeGapSec[i] = nextCadence(
        this.changeGapSec[i]!,
        this.changeCount[i]!,
        (ts - previous) * 0.001,
      );
    }
    this.changeCount[i]!++;
    this.lastChangeTs[i] = ts;
  }

  private resetHistory(sec: number) {
    // The ring starts empty; only a later reset (a gap longer than it) has old seconds to clear.
    if (this.firstSec >= 0) this.ring.fill(Number.NaN);
    for (const w of this.windows) {
      w.sum = 0;
      w.count = 0;
    }
    this.firstSec = sec;
    this.sec = sec;
    this.writeSecond(sec, this.last, false);
  }

  private writeSecond(sec: number, last: Float64Array, replace: boolean) {
    const size = this.ringSeconds;
    const cell = sec % size;
    const ring = this.ring;
    const windows = this.windows;
    for (let w = 0; w < windows.length; w++) {
      const mean = windows[w]!;
      const value = last[mean.series]!;
      if (replace) {
        const old = ring[mean.series * size + cell]!;
        if (!Number.isNaN(old)) {
          mean.sum -= old;
          mean.count--;
        }
      } else {
        const leaving = sec - mean.seconds;
        if (leaving >= this.firstSec) {
          const old = ring[mean.series * size + (leaving % size)]!;
          if (!Number.isNaN(old)) {
            mean.sum -= old;
            mean.count--;
          }
        }
      }
      if (!Number.isNaN(value)) {
        mean.sum += value;
        mean.count++;
      }
    }
    if (!replace) {
      const ewmas = this.ewmas;
      for (let e = 0; e < ewmas.length; e++) {
        const ewma = ewmas[e]!;
        const value = last[ewma.series]!;
        if (Number.isNaN(value)) continue;
        ewma.value = !Number.isNaN(ewma.value) ? ewma.value + ewma.alpha * (value - ewma.value) : value;
      }
    }
    for (let s = 0; s < SERIES_COUNT; s++) ring[s * size + cell] = last[s]!;
  }
}
