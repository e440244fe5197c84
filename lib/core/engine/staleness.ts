import { METRIC_IDS, METRIC_KIND, type MetricId } from '../metrics/metricCatalog';
import { ALL_SERIES, bit, RING_SECONDS, RoomStats, S, SERIES_COUNT, type StaleKind } from './roomStats';

// Which numbers the engine can no longer trust, judged from the values and their times alone (a replay has
// no content script; the reader's own `frozenSec` only adds evidence when a sample carries it):
// - `silent`: no sample at all — the page is gone (closed, navigated away, the reader lost it);
// - `frozen`: samples keep coming but no number on the page has changed — the page froze (a dropped feed,
//   a throttled tab);
// - `stuck` / `lost`: one number stopped changing (or became unreadable) while others move — the reader
//   lost that tile.
// How long is too long is learnt from the room: a number that changed at almost every redraw of a 1 s page
// is stuck after half a minute, one on a 5 s page that changes at one redraw in five takes longer.

export type { StaleKind };

export interface StalenessParams {
  /** No sample for this long (or five sample intervals, whichever is longer): silent. */
  noSampleSec: number;
  /** No change for less than this is never stale, however fast the number used to change. */
  minStuckSec: number;
  /** A number (or the page) must have changed this often before its standing still means anything. */
  minChanges: number;
  /** A stuck number needs at least this many other numbers still moving (else the page froze). */
  minMovers: number;
}

/** Numbers that keep moving in any room with people in it; orders, GMV and comments may rightly stand still. */
const WATCHED_MASK = bit(S.viewers) | bit(S.entries) | bit(S.views) | bit(S.likes);

/** The odds a live number stays unchanged by chance for as long as we wait: one in a hundred million. */
const LN_CHANCE = Math.log(1e-8);
/** A number that changes this rarely is not watched for sticking (its standing still proves nothing soon). */
const MAX_STUCK_SEC = 600;
/** The whole page: some number changes at nearly every redraw, so six silent redraws are plenty. */
const PAGE_REDRAWS = 6;
const SILENT_SAMPLES = 5;
/** A page still (or silent) for this many redraws, and at least SUSPECT_MIN_SEC, is suspect. */
const SUSPECT_REDRAWS = 3;
const SUSPECT_MIN_SEC = 3;
/** A rounded counter is stuck only after missing this many of its display steps. */
const STEPS_TO_WAIT = 2;
const LONGEST_REST_FACTOR = 1.5;
/** A gauge whose changes average at most this many display steps is shown too coarsely to watch. */
const COARSE_STEPS = 2;
/** Seconds of rate measured before a counter went quiet. */
const RATE_WINDOW_SEC = 300;

/**
 * The display step of a value shown rounded: its trailing zeros, keeping two significant digits (15200 → 100,
 * 10000 → 1000, 1234 → 1). An unrounded value ends in zeros by chance only rarely, and then only waits longer.
 */
function displayStep(value: number): number {
  let step = 1;
  let rest = Math.round(Math.abs(value));
  while (rest >= 100 && rest % 10 === 0) {
    rest /= 10;
    step *= 10;
  }
  return step;
}

/** Seconds a counter needs, at the rate it had before it went quiet, to move by one display step. */
function roundedStepSec(room: RoomStats, series: number): number {
  if (METRIC_KIND[METRIC_IDS[series]!] !== 'counter') return 0;
  const value = room.last[series]!;
  const step = displayStep(value);
  if (step === 1) return 0;
  const quietSec = room.sec - Math.floor((room.lastChangeTs[series]! - room.startedAt) / 1000);
  const window = Math.min(RATE_WINDOW_SEC, room.historySec - quietSec);
  if (!(window > 0)) return 0;
  const rate = (value - room.valueAgo(series, quietSec + window)) / window;
  return rate > 0 ? step / rate : Number.POSITIVE_INFINITY;
}

/** Bits of the derived series whose inputs are stale. */
function withDerived(mask: number): number {
  let out = mask;
  if (mask & (bit(S.gmv) | bit(S.views))) out |= bit(S.gpm);
  if (mask & (bit(S.gmv) | bit(S.entries))) out |= bit(S.uvValue);
  return out;
}

export interface StaleSpan {
  series: number;
  from: number;
  to: number;
}

/** Judges the room after each event and writes what it found to `room.stale*`. */
export class Staleness {
  private kind: StaleKind = 'fresh';
  private since = Number.NaN;
  /** Start of the current stale stretch of each series (NaN: fresh). */
  private readonly staleFrom = new Float64Array(SERIES_COUNT).fill(Number.NaN);
  /** Finished stale stretches of the last two hours, for outcome windows. */
  private readonly spans: StaleSpan[] = [];
  /** The same for the whole page (frozen or silent). */
  private pageFrom = Number.NaN;
  private readonly pageSpans: { from: number; to: number }[] = [];
  /** Per series: how long it must rest to be stuck, and the last change that was judged for. */
  private readonly afterSec = new Float64Array(SERIES_COUNT);
  private readonly afterFor = new Float64Array(SERIES_COUNT).fill(Number.NaN);

  constructor(readonly params: StalenessParams) {}

  /**
   * Seconds a series must stand still before it counts as stuck, from its own cadence and the page's, for a
   * counter shown rounded (`1.2w` moves in steps of 1000) from how long its rate takes to fill a step, and
   * never less than twice its longest rest of the last hour. Worked out once per quiet stretch.
   */
  stuckAfterSec(room: RoomStats, series: number): number {
    const at = room.lastChangeTs[series]!;
    if (this.afterFor[series] !== at) {
      this.afterFor[series] = at;
      this.afterSec[series] = this.judgeStuckAfter(room, series);
    }
    return this.afterSec[series]!;
  }

  private judgeStuckAfter(room: RoomStats, series: number): number {
    const page = room.anyChangeGapSec;
    const own = room.changeGapSec[series]!;
    if (Number.isNaN(page) || Number.isNaN(own)) return Number.POSITIVE_INFINITY;
    const rests = this.rests(room, series);
    // A gauge shown so coarsely that it moves one display step at a time (1.2k, 1.3k) can rest on a value
    // for as long as the room is calm: its standing still proves nothing.
    if (METRIC_KIND[METRIC_IDS[series]!] === 'gauge') {
      const step = displayStep(room.last[series]!);
      if (step > 1 && !(rests.meanChange > COARSE_STEPS * step)) return Number.POSITIVE_INFINITY;
    }
    // A counter shown rounded sums many events into each display step, so it moves about as regularly as
    // its rate fills a step; any other number is judged by the chance that a redraw brings it a new value,
    // waiting as many redraws as make no change implausible.
    const stepSec = roundedStepSec(room, series);
    let wait: number;
    if (stepSec > 0) {
      wait = STEPS_TO_WAIT * stepSec;
    } else {
      const perRedraw = Math.min(0.99, page / Math.max(page, own));
      wait = (LN_CHANCE / Math.log(1 - perRedraw)) * page;
    }
    return Math.max(this.params.minStuckSec, wait, LONGEST_REST_FACTOR * rests.longestSec);
  }

  /**
   * The longest stretch (seconds) the series rested on one value in the hour before its current rest, and
   * the mean size of its changes, read from the ring. Rests across a stale page do not count.
   */
  private rests(room: RoomStats, series: number): { longestSec: number; meanChange: number } {
    const restStart = room.sec - Math.floor((room.lastChangeTs[series]! - room.startedAt) / 1000);
    const oldest = Math.min(room.historySec, room.ringSeconds - 1);
    let longestSec = 0;
    let changeSum = 0;
    let changes = 0;
    let runEnd = restStart;
    let newer = room.valueAgo(series, restStart);
    for (let ago = restStart + 1; ago <= oldest; ago++) {
      const value = room.valueAgo(series, ago);
      if (value === newer) continue;
      // `newer` held from `ago − 1` back to `runEnd`: a rest of runEnd − ago seconds.
      const run = ago - 1 - runEnd + 1;
      if (run > longestSec && !this.pageWasStale(room, ago, runEnd)) longestSec = run;
      if (!Number.isNaN(value) && !Number.isNaN(newer)) {
        changeSum += Math.abs(newer - value);
        changes++;
      }
      newer = value;
      runEnd = ago;
    }
    return { longestSec, meanChange: changes > 0 ? changeSum / changes : Number.NaN };
  }

  /** Whether the whole page was frozen or silent at some moment between two seconds-ago of the ring. */
  private pageWasStale(room: RoomStats, fromAgo: number, toAgo: number): boolean {
    const base = room.startedAt + room.sec * 1000;
    const from = base - fromAgo * 1000;
    const to = base - toAgo * 1000;
    if (!Number.isNaN(this.pageFrom) && this.pageFrom <= to) return true;
    return this.pageSpans.some((span) => span.from <= to && span.to >= from);
  }

  pageFrozenAfterSec(room: RoomStats): number {
    return Math.max(this.params.minStuckSec, PAGE_REDRAWS * room.anyChangeGapSec);
  }

  silentAfterSec(room: RoomStats): number {
    const gap = room.sampleGapSec;
    return Math.max(this.params.noSampleSec, Number.isNaN(gap) ? 0 : SILENT_SAMPLES * gap);
  }

  /** Seconds no number has changed at `now`, by the values or by the reader's own report, whichever is more. */
  pageQuietSec(room: RoomStats, now: number): number {
    const byValues = Number.isNaN(room.lastAnyChangeTs) ? 0 : (now - room.lastAnyChangeTs) / 1000;
    // The report counts only while the newest sample carries it: a sample without it says the numbers moved.
    if (room.reportedAt !== room.lastSampleTs) return byValues;
    return Math.max(byValues, room.reportedFrozenSec + (now - room.reportedAt) / 1000);
  }

  /** Re-judges the room at `now` and writes `room.staleMask`. Called after every event. */
  update(room: RoomStats, now: number): void {
    const params = this.params;
    let kind: StaleKind = 'fresh';
    let since = Number.NaN;
    let first = -1;
    let mask = 0;
    const lastSample = room.lastSampleTs;
    const quietSec = this.pageQuietSec(room, now);
    const frozenAfterSec = this.pageFrozenAfterSec(room);
    const suspect = this.suspect(room, now, quietSec);
    if (!Number.isNaN(lastSample) && (now - lastSample) / 1000 >= this.silentAfterSec(room)) {
      kind = 'silent';
      since = lastSample;
      mask = ALL_SERIES;
    } else if (room.anyChangeCount >= params.minChanges && quietSec >= frozenAfterSec) {
      kind = 'frozen';
      since = now - quietSec * 1000;
      mask = ALL_SERIES;
    } else if (room.sampleCount > 0 && !suspect) {
      // One number stuck while others move: only judged while the page itself is moving.
      const minMs = params.minStuckSec * 1000;
      const recentMs = frozenAfterSec * 1000;
      for (let i = 0; i < METRIC_IDS.length; i++) {
        let from: number;
        let why: StaleKind;
        if (Number.isNaN(room.last[i]!)) {
          // A number the page showed many times and no longer does: the reader lost it.
          if (room.seenCount[i]! < params.minChanges || now - room.lastSeenTs[i]! < minMs) continue;
          from = room.lastSeenTs[i]!;
          why = 'lost';
        } else {
          if ((WATCHED_MASK & bit(i)) === 0 || room.changeCount[i]! < params.minChanges) continue;
          if (now - room.lastChangeTs[i]! < minMs) continue;
          const after = this.stuckAfterSec(room, i);
          if (after > MAX_STUCK_SEC || now - room.lastChangeTs[i]! < after * 1000) continue;
          from = room.lastChangeTs[i]!;
          why = 'stuck';
        }
        if (!this.othersMove(room, i, from, now, recentMs)) continue;
        mask |= bit(i);
        if (first < 0) {
          first = i;
          kind = why;
          since = from;
        }
      }
      mask = withDerived(mask);
    } else if (suspect && (this.kind === 'stuck' || this.kind === 'lost')) {
      // While the page is still, a tile already known stuck stays stuck (the page may be freezing too).
      kind = this.kind;
      since = this.since;
      first = room.staleSeries;
      mask = room.staleMask;
    }
    this.kind = kind;
    this.since = since;
    room.pageSuspect = kind === 'fresh' && suspect;
    room.staleKind = kind;
    room.staleSince = since;
    room.staleSeries = first;
    this.record(room, mask, now);
  }

  /** The page has been still or silent for a few redraws: staleness is possible but not yet shown. */
  private suspect(room: RoomStats, now: number, stillSec: number): boolean {
    if (Number.isNaN(room.lastSampleTs)) return false;
    const silentSec = (now - room.lastSampleTs) / 1000;
    const sampleGap = Number.isNaN(room.sampleGapSec) ? 1 : room.sampleGapSec;
    if (silentSec >= Math.max(SUSPECT_MIN_SEC, SUSPECT_REDRAWS * sampleGap)) return true;
    if (room.anyChangeCount < this.params.minChanges) return false;
    return stillSec >= Math.max(SUSPECT_MIN_SEC, SUSPECT_REDRAWS * room.anyChangeGapSec);
  }

  /** At least `minMovers` other metrics changed after `from` and are still changing at `now`. */
  private othersMove(room: RoomStats, series: number, from: number, now: number, recentMs: number): boolean {
    let movers = 0;
    for (let m = 0; m < METRIC_IDS.length; m++) {
      if (m === series) continue;
      const changed = room.lastChangeTs[m]!;
      if (changed > from && now - changed < recentMs && ++movers >= this.params.minMovers) return true;
    }
    return false;
  }

  private record(room: RoomStats, mask: number, now: number) {
    const before = room.staleMask;
    if (mask !== before) {
      if (mask === ALL_SERIES) this.pageFrom = this.since;
      else if (before === ALL_SERIES) {
        this.pageSpans.push({ from: this.pageFrom, to: now });
        this.pageFrom = Number.NaN;
      }
      for (let s = 0; s < SERIES_COUNT; s++) {
        const was = (before & bit(s)) !== 0;
        const is = (mask & bit(s)) !== 0;
        if (is && !was) {
          this.staleFrom[s] =
            this.kind === 'frozen' || this.kind === 'silent' ? this.since : this.sinceOf(room, s);
          room.staleEpoch[s]!++;
        } else if (was && !is) {
          this.spans.push({ series: s, from: this.staleFrom[s]!, to: now });
          this.staleFrom[s] = Number.NaN;
        }
      }
      room.staleMask = mask;
    }
    while (this.spans.length > 0 && now - this.spans[0]!.to > 2 * 3600_000) this.spans.shift();
    while (this.pageSpans.length > 0 && now - this.pageSpans[0]!.to > 2 * 3600_000) this.pageSpans.shift();
  }

  /** When a single series' stale stretch began: its last change, or its last reading when it is unreadable. */
  private sinceOf(room: RoomStats, series: number): number {
    if (series >= METRIC_IDS.length) return this.since;
    return Number.isNaN(room.last[series]!) ? room.lastSeenTs[series]! : room.lastChangeTs[series]!;
  }

  /** Whether `series` was stale at any moment in [from, to]. */
  wasStale(series: number, from: number, to: number): boolean {
    const open = this.staleFrom[series]!;
    if (!Number.isNaN(open) && open <= to) return true;
    return this.spans.some((span) => span.series === series && span.from <= to && span.to >= from);
  }
}

export interface SampleReading {
  ts: number;
  metrics: Partial<Record<MetricId, number | null>>;
  health?: { frozenSec?: number };
}

export interface StaleReading {
  kind: StaleKind;
  /** The metrics that are stale at `now` (every metric shown when the page froze or went silent). */
  metrics: MetricId[];
}

const FRESH: StaleReading = { kind: 'fresh', metrics: [] };

/**
 * The engine's judgement over a run of samples (oldest first), for faces that hold samples rather than an
 * engine — the side panel greys the tiles it names. Cheap when every number is moving: the fold runs only
 * when some number, or the page, has stood still for a few seconds.
 */
export function staleMetricsOf(
  samples: readonly SampleReading[],
  now: number,
  params: StalenessParams,
): StaleReading {
  const latest = samples[samples.length - 1];
  if (!latest) return FRESH;
  if (!mayBeStale(samples, now, params)) return FRESH;
  // Enough ring for the samples handed in (a face holds minutes, not the engine's hour).
  const spanSec = Math.ceil((latest.ts - samples[0]!.ts) / 1000) + 2;
  const room = new RoomStats(samples[0]!.ts, Math.min(RING_SECONDS, Math.max(120, spanSec)));
  const staleness = new Staleness(params);
  for (const sample of samples) {
    room.addSample(sample.ts, sample.metrics, undefined, sample.health?.frozenSec);
    staleness.update(room, sample.ts);
  }
  const end = Math.max(now, latest.ts);
  room.now = end;
  staleness.update(room, end);
  if (room.staleMask === 0) return { kind: 'fresh', metrics: [] };
  const shown = METRIC_IDS.filter((metric, i) => (room.staleMask & bit(i)) !== 0 && metric in latest.metrics);
  return { kind: room.staleKind, metrics: shown };
}

/**
 * Whether anything could be stale: the newest sample is a few seconds old, no number changed in the last
 * few seconds, a number is unreadable, or a watched number has stood still for `minStuckSec`.
 */
function mayBeStale(samples: readonly SampleReading[], now: number, params: StalenessParams): boolean {
  const latest = samples[samples.length - 1]!;
  const suspectMs = SUSPECT_MIN_SEC * 1000;
  if (now - latest.ts >= suspectMs) return true;
  let anyChangeAt = Number.NEGATIVE_INFINITY;
  for (let m = 0; m < METRIC_IDS.length; m++) {
    const metric = METRIC_IDS[m]!;
    const value = latest.metrics[metric];
    if (value === undefined) continue;
    if (value === null) return true;
    let changedAt = Number.NEGATIVE_INFINITY;
    for (
      let i = samples.length - 2;
      i >= 0 && latest.ts - samples[i + 1]!.ts < params.minStuckSec * 1000;
      i--
    ) {
      if (samples[i]!.metrics[metric] !== value) {
        changedAt = samples[i + 1]!.ts;
        break;
      }
    }
    if ((WATCHED_MASK & bit(m)) !== 0 && latest.ts - changedAt >= params.minStuckSec * 1000) return true;
    if (changedAt > anyChangeAt) anyChangeAt = changedAt;
  }
  return latest.ts - anyChangeAt >= suspectMs;
}
