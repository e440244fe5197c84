import uPlot from 'uplot';
import type { Cue } from '../../lib/core/engine/types';
import type { Translate } from '../../lib/core/i18n/translate';
import type { UiMessageKey } from '../../lib/core/i18n/uiMessages';
import type { MinuteSeries } from '../../lib/ui/review/minuteSeries';
import type { ProductSlot } from '../../lib/ui/review/productSlots';

// uPlot's options and data for the review chart: three curves on their own scales, comment volume as
// low bars along the bottom, cue markers as vertical lines and product slots as shaded bands behind.

export const SEVERITY_COLOURS = { info: '#3b82f6', act: '#f59e0b', urgent: '#ef4444' } as const;
const BAND_COLOURS = ['rgba(37, 99, 235, 0.07)', 'rgba(16, 185, 129, 0.09)'];

export function chartData(series: MinuteSeries): uPlot.AlignedData {
  return [
    series.minutes,
    series.viewers,
    series.gmvPerMinute,
    series.conversion.map((value) => (value === null ? null : value * 100)),
    series.comments,
  ];
}

function drawCueMarkers(u: uPlot, cues: readonly Cue[]): void {
  const { ctx, bbox } = u;
  ctx.save();
  // Thin and translucent so a busy session still shows the curves through its markers.
  ctx.lineWidth = devicePixelRatioOf();
  ctx.globalAlpha = 0.7;
  for (const cue of cues) {
    const x = u.valToPos(cue.firedAt / 1000, 'x', true);
    if (x < bbox.left || x > bbox.left + bbox.width) continue;
    ctx.strokeStyle = SEVERITY_COLOURS[cue.severity];
    ctx.setLineDash(cue.status === 'done' ? [] : [4, 4]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
  }
  ctx.restore();
}

function drawProductSlots(u: uPlot, slots: readonly ProductSlot[]): void {
  const { ctx, bbox } = u;
  const ratio = devicePixelRatioOf();
  ctx.save();
  ctx.font = `${11 * ratio}px system-ui, sans-serif`;
  slots.forEach((slot, index) => {
    const left = Math.max(bbox.left, u.valToPos(slot.from / 1000, 'x', true));
    const right = Math.min(bbox.left + bbox.width, u.valToPos(slot.to / 1000, 'x', true));
    if (right <= left) return;
    ctx.fillStyle = BAND_COLOURS[index % BAND_COLOURS.length]!;
    ctx.fillRect(left, bbox.top, right - left, bbox.height);
    ctx.fillStyle = '#4b5563';
    // fillText draws pixels, never markup: product names from the page are safe here.
    ctx.fillText(slot.name, left + 3 * ratio, bbox.top + 12 * ratio, Math.max(0, right - left - 6 * ratio));
  });
  ctx.restore();
}

const devicePixelRatioOf = () => globalThis.devicePixelRatio || 1;

/** Clock times on the x axis in 24-hour form, as operators in both languages read them. */
function timeLabels(locale: string) {
  return (_: uPlot, splits: number[]) =>
    splits.map((seconds) =>
      new Date(seconds * 1000).toLocaleTimeString(locale, {
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }),
    );
}

/** What the chart draws over its curves; read at each draw, so a refresh redraws the plot with new ones. */
export interface ChartMarks {
  cues: readonly Cue[];
  slots: readonly ProductSlot[];
}

export function chartOptions(
  t: Translate<UiMessageKey>,
  locale: string,
  width: number,
  marks: () => ChartMarks,
  formatValue: (value: number) => string,
): uPlot.Options {
  return {
    width,
    height: 320,
    cursor: { drag: { x: true, y: false } },
    scales: {
      x: { time: true },
      viewers: { auto: true },
      gmv: { auto: true },
      conversion: { auto: true },
      // Four times the busiest minute: the bars keep to the bottom quarter, under the curves.
      comments: { range: (_u, _min, max) => [0, Math.max(4, max * 4)] },
    },
    series: [
      {},
      {
        label: t('review.viewers'),
        scale: 'viewers',
        stroke: '#2563eb',
        width: 2,
        value: (_, v) => (v == null ? '—' : formatValue(v)),
      },
      {
        label: t('review.gmvPerMinute'),
        scale: 'gmv',
        stroke: '#059669',
        width: 2,
        fill: 'rgba(5, 150, 105, 0.08)',
        value: (_, v) => (v == null ? '—' : `¥${formatValue(v)}`),
      },
      {
        label: t('review.conversion'),
        scale: 'conversion',
        stroke: '#d97706',
        width: 1.5,
        dash: [6, 3],
        value: (_, v) => (v == null ? '—' : `${v.toFixed(2)}%`),
      },
      {
        label: t('review.commentsPerMinute'),
        scale: 'comments',
        stroke: 'rgba(124, 58, 237, 0.7)',
        fill: 'rgba(124, 58, 237, 0.25)',
        width: 1,
        paths: uPlot.paths.bars?.({ size: [0.8, 24] }),
        points: { show: false },
        value: (_, v) => (v == null ? '—' : String(v)),
      },
    ],
    axes: [
      { values: timeLabels(locale) },
      {
        scale: 'viewers',
        label: t('review.viewers'),
        values: (_, values) => values.map((v) => formatValue(v)),
      },
      {
        scale: 'gmv',
        side: 1,
        label: t('review.gmvPerMinute'),
        grid: { show: false },
        values: (_, values) => values.map((v) => `¥${formatValue(v)}`),
      },
      {
        scale: 'conversion',
        side: 1,
        label: '%',
        grid: { show: false },
        values: (_, values) => values.map((v) => `${v}%`),
      },
    ],
    hooks: {
      drawClear: [(u) => drawProductSlots(u, marks().slots)],
      draw: [(u) => drawCueMarkers(u, marks().cues)],
    },
  };
}
