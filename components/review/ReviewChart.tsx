import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Cue } from '../../lib/core/engine/types';
import { formatMetricValue } from '../../lib/core/format/formatMetric';
import type { MinuteSeries } from '../../lib/ui/review/minuteSeries';
import type { ProductSlot } from '../../lib/ui/review/productSlots';
import { useI18n } from '../common/i18nContext';
import { type ChartMarks, chartData, chartOptions } from './chartOptions';

interface ReviewChartProps {
  series: MinuteSeries;
  cues: readonly Cue[];
  slots: readonly ProductSlot[];
}

/** What the plot shows now: its data and the marks its hooks draw. */
interface Shown extends ChartMarks {
  series: MinuteSeries;
}

export function ReviewChart({ series, cues, slots }: ReviewChartProps) {
  const { locale, t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // A review of a running show refreshes every few seconds: the plot is built once (again only for another
  // language) and redrawn with the new data, its legend and axes kept (building it held the page's thread,
  // which the side panel shares, for 30-60 ms a refresh).
  const shown = useRef<Shown>({ series, cues, slots });
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const width = Math.max(320, element.clientWidth || 900);
    const format = (value: number) => formatMetricValue('viewers', value, locale);
    const built = new uPlot(
      chartOptions(t, locale, width, () => shown.current, format),
      chartData(shown.current.series),
      element,
    );
    plot.current = built;
    const resize = () => built.setSize({ width: Math.max(320, element.clientWidth), height: 320 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      built.destroy();
      plot.current = null;
    };
  }, [locale]);
  useEffect(() => {
    const was = shown.current;
    if (was.series === series && was.cues === cues && was.slots === slots) return;
    shown.current = { series, cues, slots };
    if (was.series === series) plot.current?.redraw(false);
    else plot.current?.setData(chartData(series));
  }, [series, cues, slots]);
  return (
    <div
      class="review-chart"
      ref={host}
      data-testid="review-chart"
      role="img"
      aria-label={t('review.chartLabel')}
    />
  );
}
