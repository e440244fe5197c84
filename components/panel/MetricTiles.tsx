import { formatMetricChange, formatMetricValue } from '../../lib/core/format/formatMetric';
import { type MetricTile, SPARKLINE_WINDOW_MS } from '../../lib/ui/panel/metricTiles';
import { useI18n } from '../common/i18nContext';
import { Sparkline } from './Sparkline';

// Live values with their last ten minutes and how much they moved; a number the engine knows is stale is
// greyed and says why (the cues that read it are held back too).

interface MetricTilesProps {
  tiles: readonly MetricTile[];
  now: number;
}

export function MetricTiles({ tiles, now }: MetricTilesProps) {
  const { locale, t } = useI18n();
  if (tiles.length === 0) return <p class="muted">{t('metrics.none')}</p>;
  return (
    <ul class="metric-tiles" aria-label={t('metrics.title')}>
      {tiles.map((tile) => {
        const direction =
          tile.change === null || tile.change === 0 ? 'flat' : tile.change > 0 ? 'up' : 'down';
        return (
          <li
            key={tile.metric}
            class={tile.stale ? 'metric-tile stale' : 'metric-tile'}
            data-metric={tile.metric}
            data-value={tile.value ?? ''}
            data-stale={tile.stale ?? undefined}
          >
            <span class="metric-label">
              {t(`metric.${tile.metric}`)}
              {tile.stale && <span class="count metric-stale">{t(`metrics.stale.${tile.stale}`)}</span>}
            </span>
            <span class="metric-value">
              {formatMetricValue(tile.metric, tile.value, locale, tile.capped)}
            </span>
            <span class={`metric-change ${direction}`}>
              {tile.change === null
                ? ' '
                : t(tile.kind === 'counter' ? 'metrics.gained' : 'metrics.changed', {
                    change: formatMetricChange(tile.metric, tile.change, locale),
                  })}
            </span>
            <Sparkline points={tile.series} from={now - SPARKLINE_WINDOW_MS} to={now} />
          </li>
        );
      })}
    </ul>
  );
}
