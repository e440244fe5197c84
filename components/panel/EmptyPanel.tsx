import type { MetricId } from '../../lib/core/metrics/metricCatalog';
import type { HealthSummary } from '../../lib/ui/panel/readerHealth';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';
import { ReaderHealth } from './ReaderHealth';
import { SessionHistoryLink } from './SessionHistoryLink';
import { SiteAccess } from './SiteAccess';

// No session yet: what a new user does next, and — for a room page that reports but cannot be read —
// its reader health with buttons to pick the metrics by hand; for a dashboard no adapter knows, a way to
// have it read (the browser asks for that one site).

export function EmptyPanel({
  unread,
  onPick,
  send,
}: {
  unread: HealthSummary | null;
  onPick: (m: MetricId) => void;
  send: SendCommand;
}) {
  const { t } = useI18n();
  return (
    <>
      <section class="empty-state" data-testid="empty-state">
        <h2>{t('empty.title')}</h2>
        <ol>
          <li>{t('empty.step1')}</li>
          <li>{t('empty.step2')}</li>
          <li>{t('empty.step3')}</li>
        </ol>
        <a href="/options.html" target="_blank" rel="noreferrer" data-testid="link-settings">
          {t('link.settings')}
        </a>
        <SessionHistoryLink />
      </section>
      {unread ? (
        <section class="unread-room" data-testid="unread-room">
          <p>{t('empty.unread')}</p>
          <ReaderHealth health={unread} onPick={onPick} />
        </section>
      ) : (
        <SiteAccess send={send} />
      )}
    </>
  );
}
