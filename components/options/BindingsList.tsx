import type { MetricId } from '../../lib/core/metrics/metricCatalog';
import type { Settings } from '../../lib/core/settings/settingsSchema';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';

// Elements the user picked on each site's dashboard, with a way to forget one.

interface BindingsListProps {
  bindings: Settings['bindings'];
  send: SendCommand;
}

export function BindingsList({ bindings, send }: BindingsListProps) {
  const { t } = useI18n();
  const rows = Object.entries(bindings).flatMap(([site, metrics]) =>
    Object.entries(metrics).map(([metric, selector]) => ({
      site,
      metric: metric as MetricId,
      selector: selector ?? '',
    })),
  );
  return (
    <section class="bindings" data-testid="bindings">
      <h2>{t('bindings.title')}</h2>
      <p class="muted">{t('bindings.help')}</p>
      {rows.length === 0 ? (
        <p class="muted" data-testid="bindings-empty">
          {t('bindings.empty')}
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('bindings.site')}</th>
              <th>{t('bindings.metric')}</th>
              <th>{t('bindings.selector')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map(({ site, metric, selector }) => (
              <tr key={`${site}:${metric}`} data-site={site} data-metric={metric}>
                <td>{site}</td>
                <td>{t(`metric.${metric}`)}</td>
                <td>
                  <code>{selector}</code>
                </td>
                <td>
                  <button
                    type="button"
                    data-testid={`binding-remove-${site}-${metric}`}
                    onClick={() =>
                      send({ type: 'settings.update', patch: { bindings: { [site]: { [metric]: null } } } })
                    }
                  >
                    {t('bindings.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
