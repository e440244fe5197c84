import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Cue } from '../../lib/core/engine/types';
import { formatMetricValue } from '../../lib/core/format/formatMetric';
import type { MinuteSeries } from '../../lib/ui/review/minuteSeries';
import type { ProductSlot } from '../../lib/ui/review/productSlots';
import { useI18n } from '../common/i18nContext';
import { chartData, chartOptions } from './chartOptions';

interface ReviewChartProps {
  series: MinuteSeries;
  cues: readonly Cue[];
  slots: readonly ProductSlot[];
}

export function ReviewChart({ series, cues, slots }: ReviewChartProps) {
  const { locale, t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const width = Math.max(320, element.clientWidth || 900);
    const format = (value: number) => formatMetricValue('viewers', value, locale);
    const plot = new uPlot(chartOptions(t, locale, width, cues, slots, format), chartData(series), element);
    const resize = () => plot.setSize({ width: Math.max(320, element.clientWidth), height: 320 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [series, cues, slots, locale]);
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
