import { describe, expect, it } from 'vitest';
import type { SampleRow } from '../../../../lib/store/rows';
import { buildMetricTiles, downsample } from '../../../../lib/ui/panel/metricTiles';
import { sparklinePath } from '../../../../lib/ui/panel/sparklinePath';

const T = 1_800_000_000_000;

const samples: SampleRow[] = [
  { sessionId: 's', ts: T - 11 * 60_000, metrics: { viewers: 5000 } },
  { sessionId: 's', ts: T - 9 * 60_000, metrics: { viewers: 1000, gmv: 2000 } },
  { sessionId: 's', ts: T - 60_000, metrics: { viewers: 1500, gmv: 2600, likes: null } },
  { sessionId: 's', ts: T, metrics: { viewers: 800, gmv: 3000 }, capped: ['viewers'] },
];

describe('buildMetricTiles', () => {
  it('gives each read metric its latest value, 10-minute curve and change within the window', () => {
    const tiles = buildMetricTiles(samples, T);
    expect(tiles.map((tile) => tile.metric)).toEqual(['viewers', 'gmv']);
    const [viewers, gmv] = tiles;
    expect(viewers).toMatchObject({
      value: 800,
      capped: true,
      change: -200,
      changeRatio: -0.2,
      kind: 'gauge',
    });
    expect(viewers!.series.map(([, v]) => v)).toEqual([1000, 1500, 800]);
    expect(gmv).toMatchObject({ value: 3000, change: 1000, changeRatio: 0.5, kind: 'counter' });
  });

  it('shows a metric the page stopped showing as unknown, never as its old value or 0', () => {
    const stopped: SampleRow[] = [
      ...samples,
      { sessionId: 's', ts: T + 1000, metrics: { viewers: null, gmv: 3100 } },
    ];
    const viewers = buildMetricTiles(stopped, T + 1000).find((tile) => tile.metric === 'viewers');
    expect(viewers?.value).toBeNull();
  });
});

describe('stale tiles', () => {
  // Ten lively minutes: every number moves every second.
  const lively = (sec: number): SampleRow['metrics'] => ({
    viewers: 1000 + ((sec * 37) % 41),
    entries: sec * 2,
    likes: sec * 11,
    gmv: sec * 50,
  });
  const run = (until: number, at: (sec: number) => SampleRow['metrics']): SampleRow[] =>
    Array.from({ length: until + 1 }, (_, sec) => ({ sessionId: 's', ts: T + sec * 1000, metrics: at(sec) }));
  const staleOf = (rows: SampleRow[], now: number) =>
    Object.fromEntries(buildMetricTiles(rows, now).map((tile) => [tile.metric, tile.stale]));

  it('are none while every number moves', () => {
    expect(staleOf(run(600, lively), T + 600_000)).toEqual({
      viewers: null,
      entries: null,
      likes: null,
      gmv: null,
    });
  });

  it('name the one tile the reader lost while the others move', () => {
    const rows = run(600, (sec) => ({ ...lively(sec), viewers: lively(Math.min(sec, 540)).viewers }));
    expect(staleOf(rows, T + 600_000)).toEqual({ viewers: 'stuck', entries: null, likes: null, gmv: null });
  });

  it('grey every tile when the page froze or stopped sending', () => {
    const frozen = run(600, (sec) => lively(Math.min(sec, 540)));
    expect(new Set(Object.values(staleOf(frozen, T + 600_000)))).toEqual(new Set(['frozen']));
    const gone = run(540, lively);
    expect(new Set(Object.values(staleOf(gone, T + 600_000)))).toEqual(new Set(['silent']));
  });
});

describe('downsample', () => {
  it('keeps at most the asked number of points and the last point', () => {
    const points = Array.from({ length: 600 }, (_, i) => [T + i * 1000, i] as const);
    const reduced = downsample(points, 120);
    expect(reduced.length).toBeLessThanOrEqual(120);
    expect(reduced[reduced.length - 1]).toEqual(points[599]);
  });
});

describe('sparklinePath', () => {
  it('maps time to x and the value range to y, highest value at the top', () => {
    const d = sparklinePath(
      [
        [0, 10],
        [50, 20],
        [100, 10],
      ],
      100,
      22,
      0,
      100,
    );
    expect(d).toBe('M0.0 21.0 L50.0 1.0 L100.0 21.0');
  });

  it('draws a flat series through the middle and nothing for no points', () => {
    expect(sparklinePath([[0, 5]], 100, 20, 0, 100)).toBe('M0.0 10.0');
    expect(sparklinePath([], 100, 20, 0, 100)).toBe('');
  });
});
