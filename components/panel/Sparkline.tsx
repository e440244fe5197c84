import type { SeriesPoint } from '../../lib/ui/panel/metricTiles';
import { sparklinePath } from '../../lib/ui/panel/sparklinePath';

interface SparklineProps {
  points: readonly SeriesPoint[];
  from: number;
  to: number;
  width?: number;
  height?: number;
}

export function Sparkline({ points, from, to, width = 120, height = 28 }: SparklineProps) {
  return (
    <svg
      class="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      <path
        d={sparklinePath(points, width, height, from, to)}
        fill="none"
        stroke="currentColor"
        stroke-width="1.5"
      />
    </svg>
  );
}
