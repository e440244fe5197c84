import { formatClock } from '../../lib/core/format/formatClock';
import type { MetricId } from '../../lib/core/metrics/metricCatalog';
import type { HealthSummary } from '../../lib/ui/panel/readerHealth';
import { useI18n } from '../common/i18nContext';

// How much of the room the reader can see, each refusal with the raw text the page showed and why, whether
// the page has stopped changing, and a way to point the reader at what it cannot find.

/** Why a number was refused, in words (parseMetricText's and the plausibility gate's reasons). */
const REASON_KEYS = {
  dash: 'health.reason.dash',
  empty: 'health.reason.empty',
  unparseable: 'health.reason.unparseable',
  ambiguous: 'health.reason.ambiguous',
  'unit-mismatch': 'health.reason.unit-mismatch',
  'unknown-unit': 'health.reason.unknown-unit',
  implausible: 'health.reason.implausible',
  change: 'health.reason.change',
} as const;
const reasonKey = (reason: string) =>
  Object.hasOwn(REASON_KEYS, reason) ? REASON_KEYS[reason as keyof typeof REASON_KEYS] : undefined;

interface ReaderHealthProps {
  health: HealthSummary | null;
  onPick: (metric: MetricId) => void;
}

export function ReaderHealth({ health, onPick }: ReaderHealthProps) {
  const { t } = useI18n();
  if (!health) return null;
  const complete = health.parsed === health.total;
  return (
    <section class={`reader-health ${complete ? 'ok' : 'partial'}`} data-testid="reader-health">
      <h3>
        {t('health.title')}{' '}
        <span data-testid="reader-health-count">
          {t('health.count', { parsed: health.parsed, total: health.total })}
        </span>
      </h3>
      {health.frozenSec !== undefined && (
        <p class="health-frozen" data-testid="reader-health-frozen" role="status">
          {t('health.frozen', { time: formatClock(health.frozenSec * 1000) })}
        </p>
      )}
      {health.hidden && (
        <p class="health-hidden" data-testid="reader-health-hidden">
          {t('health.hidden')}
        </p>
      )}
      {health.sources && (
        <ul class="health-sources">
          {health.sources.map(({ metric, source }) => (
            <li key={metric} data-metric-source={metric} data-source={source}>
              {t(`health.source.${source}`, { metric: t(`metric.${metric}`) })}
            </li>
          ))}
        </ul>
      )}
      {health.commentsDropped !== undefined && (
        <p class="health-dropped" data-testid="reader-health-comments-dropped" role="alert">
          {t('health.commentsDropped', { count: health.commentsDropped })}
        </p>
      )}
      {health.failed.length > 0 && (
        <ul class="health-failed">
          {health.failed.map((failure) => (
            <li key={failure.metric} data-metric-failed={failure.metric}>
              {t('health.failed', { metric: t(`metric.${failure.metric}`) })} <code>{failure.raw}</code>{' '}
              {reasonKey(failure.reason) && (
                <span class="health-reason" data-reason={failure.reason}>
                  {t(reasonKey(failure.reason)!)}
                </span>
              )}
              <button
                type="button"
                data-testid={`pick-${failure.metric}`}
                onClick={() => onPick(failure.metric)}
              >
                {t('health.pick')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {health.missing.length > 0 && (
        <ul class="health-missing">
          {health.missing.map((metric) => (
            <li key={metric} data-metric-missing={metric}>
              {t('health.missing', { metric: t(`metric.${metric}`) })}
              <button type="button" data-testid={`pick-${metric}`} onClick={() => onPick(metric)}>
                {t('health.pick')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
