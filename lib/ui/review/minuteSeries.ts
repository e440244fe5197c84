import type { CommentRow, SampleRow } from '../../store/rows';

// The review chart's data: one point per minute of the session, in uPlot's column layout.

export interface MinuteSeries {
  /** Start of each minute, epoch seconds (uPlot's x unit). */
  minutes: number[];
  /** Mean of the viewers read in the minute. */
  viewers: (number | null)[];
  /** GMV gained in the minute (the counter's rise since the previous minute that had a reading). */
  gmvPerMinute: (number | null)[];
  /** Last conversion rate read in the minute (a ratio, 0.125 = 12.5 %). */
  conversion: (number | null)[];
  /** Comments read off the comment list in the minute; null throughout when the session has none stored. */
  comments: (number | null)[];
}

const MINUTE = 60_000;

/** `samples` oldest first; minutes without any reading stay null so the chart shows a gap, not a zero. */
export function minuteSeries(
  samples: readonly SampleRow[],
  startedAt: number,
  endAt?: number,
  comments: readonly Pick<CommentRow, 'ts'>[] = [],
): MinuteSeries {
  const first = Math.floor(startedAt / MINUTE) * MINUTE;
  const lastTs = endAt ?? samples[samples.length - 1]?.ts ?? startedAt;
  const count = Math.max(1, Math.floor((lastTs - first) / MINUTE) + 1);
  const viewerSum = new Array<number>(count).fill(0);
  const viewerCount = new Array<number>(count).fill(0);
  const gmvMax: (number | null)[] = new Array(count).fill(null);
  const conversion: (number | null)[] = new Array(count).fill(null);
  for (const sample of samples) {
    const index = Math.floor((sample.ts - first) / MINUTE);
    if (index < 0 || index >= count) continue;
    const { viewers, gmv, conversionRate } = sample.metrics;
    if (typeof viewers === 'number') {
      viewerSum[index]! += viewers;
      viewerCount[index]! += 1;
    }
    if (typeof gmv === 'number') gmvMax[index] = Math.max(gmvMax[index] ?? gmv, gmv);
    if (typeof conversionRate === 'number') conversion[index] = conversionRate;
  }
  const gmvPerMinute: (number | null)[] = new Array(count).fill(null);
  let previous: number | null = null;
  for (let i = 0; i < count; i++) {
    const value = gmvMax[i] ?? null;
    if (value === null) continue;
    // The first minute has no previous reading: what it shows is what was sold before the first sample too.
    gmvPerMinute[i] = previous === null ? 0 : Math.max(0, value - previous);
    previous = Math.max(previous ?? value, value);
  }
  // No comment list read at all is unknown, not a silent room: the chart then draws no volume.
  const commentCounts: (number | null)[] = new Array(count).fill(comments.length ? 0 : null);
  for (const comment of comments) {
    const index = Math.floor((comment.ts - first) / MINUTE);
    if (index >= 0 && index < count) commentCounts[index] = (commentCounts[index] ?? 0) + 1;
  }
  return {
    minutes: Array.from({ length: count }, (_, i) => (first + i * MINUTE) / 1000),
    viewers: viewerSum.map((sum, i) => (viewerCount[i]! > 0 ? sum / viewerCount[i]! : null)),
    gmvPerMinute,
    conversion,
    comments: commentCounts,
  };
}
