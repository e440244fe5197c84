import { formatClock, formatStart } from '../../lib/core/format/formatClock';
import { formatMetricValue } from '../../lib/core/format/formatMetric';
import { isSessionsMessageKey } from '../../lib/core/i18n/sessionsMessages';
import type { SessionRow } from '../../lib/store/rows';
import { sessionDurationMs } from '../../lib/ui/history/sessionDuration';
import { useSessionsI18n } from '../common/i18nContext';

interface SessionItemProps {
  session: SessionRow;
  selected: boolean;
  onToggle: (sessionId: string) => void;
  reviewUrl: (sessionId: string) => string;
}

/** One session in the list: what room, when, how long, how it went. */
export function SessionItem({ session, selected, onToggle, reviewUrl }: SessionItemProps) {
  const { t, locale } = useSessionsI18n();
  const siteKey = `site.${session.site}`;
  const site = isSessionsMessageKey(siteKey) ? t(siteKey) : session.site;
  const checkboxId = `select-${session.id}`;
  return (
    <li class="session" data-testid="session-row" data-session-id={session.id}>
      <input
        id={checkboxId}
        type="checkbox"
        data-testid="session-select"
        checked={selected}
        onChange={() => onToggle(session.id)}
      />
      <label for={checkboxId} class="session-main">
        <span class="session-title" data-testid="session-title">
          {session.title || session.roomKey}
        </span>
        <span class="session-meta">
          <span data-testid="session-site">{site}</span>
          <span data-testid="session-start">{formatStart(session.startedAt)}</span>
          <span data-testid="session-duration">{formatClock(sessionDurationMs(session))}</span>
          {session.endedAt === undefined ? (
            <span class="badge-live" data-testid="session-live">
              {t('sessions.live')}
            </span>
          ) : null}
        </span>
        <span class="session-meta">
          <span data-testid="session-peak">
            {t('sessions.peakViewers', { value: formatMetricValue('viewers', session.peakViewers, locale) })}
          </span>
          <span data-testid="session-gmv">
            {t('sessions.gmv', { value: formatMetricValue('gmv', session.gmv, locale) })}
          </span>
          <span data-testid="session-cues">
            {t('sessions.cues', { fired: session.cuesFired, acted: session.cuesActed })}
          </span>
        </span>
      </label>
      <a
        class="session-review"
        data-testid="session-review"
        href={reviewUrl(session.id)}
        target="_blank"
        rel="noreferrer"
      >
        {t('sessions.review')}
      </a>
    </li>
  );
}
