import type { RoomWarning } from '../../lib/ui/panel/writeStatus';
import { useI18n } from '../common/i18nContext';

// What the background says about the rooms it hears, in every layout: a room open in more than one tab
// (one feeds the session, the others are ignored), and readings it refuses that the operator can fix.

export function RoomWarnings({ warnings }: { warnings: RoomWarning[] }) {
  const { t } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <ul class="room-warnings" data-testid="room-warnings">
      {warnings.map((warning) => {
        const title = warning.title || warning.roomKey;
        const key = `${warning.kind}:${warning.site}:${warning.roomKey}`;
        if (warning.kind === 'clock-set-back')
          return (
            <li key={key} class="room-warning" role="alert" data-testid="clock-set-back-notice">
              {t('notice.clockSetBack', { title, minutes: warning.minutes })}
            </li>
          );
        return warning.kind === 'duplicate' ? (
          <li key={key} class="room-warning" role="status" data-testid="duplicate-tab-notice">
            {t('notice.duplicateTab', { title, count: warning.tabs })}
          </li>
        ) : (
          <li
            key={key}
            class="room-warning"
            role="alert"
            data-testid="refused-notice"
            data-reason={warning.reason}
          >
            {t(`notice.refused.${warning.reason}`, { title, count: warning.count })}
          </li>
        );
      })}
    </ul>
  );
}
