import type { SeriesPoint } from './metricTiles';

/**
 * The `d` of an SVG polyline for a sparkline `width`×`height`, time on x over [from, to], values
 * scaled to the series' own range (a flat series sits in the middle). Empty when there is nothing to draw.
 */
export function sparklinePath(
  points: readonly SeriesPoint[],
  width: number,
  height: number,
  from: number,
  to: number,
): string {
  if (points.length === 0) return '';
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const [, value] of points) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const span = to - from || 1;
  const range = max - min;
  const pad = 1;
  const y = (value: number) =>
    range === 0 ? height / 2 : pad + (1 - (value - min) / range) * (height - 2 * pad);
  const x = (ts: number) => Math.min(width, Math.max(0, ((ts - from) / span) * width));
  return points
    .map(([ts, value], i) => `${i === 0 ? 'M' : 'L'}${x(ts).toFixed(1)} ${y(value).toFixed(1)}`)
    .join(' ');
}
