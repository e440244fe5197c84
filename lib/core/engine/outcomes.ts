import { METRIC_KIND } from '../metrics/metricCatalog';
import { type RoomStats, S, type SeriesName } from './roomStats';
import { round } from './ruleDefinition';
import type { Staleness } from './staleness';
import type { Cue } from './types';

// The outcome of a cue marked done: its target metric over the `windowSec` after the action against the
// `windowSec` before it — per-minute rate for a counter, mean level for a gauge. Known once the window has
// passed; until then the cue waits here. A window in which the metric was stale is no measure: such an
// outcome stays unknown rather than wrong.

export interface PendingOutcome {
  cue: Cue;
  series: SeriesName;
  before: number;
  dueAt: number;
}

const isCounter = (series: SeriesName) =>
  series !== 'gpm' && series !== 'uvValue' && METRIC_KIND[series] === 'counter';

/** A counter's rate between the two seconds; a gauge's mean over the seconds after `fromAgo` up to `toAgo`. */
function level(room: RoomStats, series: SeriesName, fromAgo: number, toAgo: number): number {
  const index = S[series];
  return isCounter(series)
    ? room.rateBetween(index, fromAgo, toAgo)
    : room.meanBetween(index, fromAgo - 1, toAgo);
}

/** Measures the window before the action; undefined when the metric is unknown there. */
export function startOutcome(
  room: RoomStats,
  staleness: Staleness,
  cue: Cue,
  series: SeriesName,
  windowSec: number,
): PendingOutcome | undefined {
  const window = Math.min(windowSec, room.historySec);
  if (window < 10) return undefined;
  if (staleness.wasStale(S[series], cue.actedAt! - window * 1000, cue.actedAt!)) return undefined;
  // The ring's newest second is the last sample at or before the action.
  const before = level(room, series, window, 0);
  if (Number.isNaN(before)) return undefined;
  return { cue, series, before, dueAt: cue.actedAt! + windowSec * 1000 };
}

/** Completes the outcomes whose window has passed; returns the cues it changed. */
export function settleOutcomes(
  room: RoomStats,
  staleness: Staleness,
  pending: PendingOutcome[],
  windowSec: number,
  changed: Cue[],
): void {
  for (let i = pending.length - 1; i >= 0; i--) {
    const item = pending[i]!;
    if (room.lastSampleTs < item.dueAt) continue;
    pending.splice(i, 1);
    if (staleness.wasStale(S[item.series], item.cue.actedAt!, room.lastSampleTs)) continue;
    const sinceActSec = round((room.startedAt + room.sec * 1000 - item.cue.actedAt!) / 1000);
    const after = level(room, item.series, sinceActSec, Math.max(0, sinceActSec - windowSec));
    if (Number.isNaN(after)) continue;
    const before = item.before;
    item.cue.outcome = {
      metric: item.series,
      before: round(before, 2),
      after: round(after, 2),
      lift: before === 0 ? 0 : round((after - before) / before, 4),
    };
    if (!changed.includes(item.cue)) changed.push(item.cue);
  }
}
