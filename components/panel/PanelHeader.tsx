import { formatClock } from '../../lib/core/format/formatClock';
import type { SessionRow } from '../../lib/store/rows';
import { useI18n } from '../common/i18nContext';

// The brand, the session's running clock and the switch between streamer and operator mode.

interface PanelHeaderProps {
  session: SessionRow | null | undefined;
  now: number;
  mode: 'streamer' | 'operator';
  onToggleMode: () => void;
}

export function PanelHeader({ session, now, mode, onToggleMode }: PanelHeaderProps) {
  const { t } = useI18n();
  return (
    <header class="panel-header">
      <span class="brand">Livecue</span>
      {session && (
        <span class="session-clock" data-testid="session-clock" title={t('clock.title')}>
          {formatClock(now - session.startedAt)}
        </span>
      )}
      <button
        type="button"
        class="mode-toggle"
        data-testid="mode-toggle"
        aria-pressed={mode === 'streamer'}
        onClick={onToggleMode}
      >
        {mode === 'streamer' ? t('mode.toOperator') : t('mode.toStreamer')}
      </button>
    </header>
  );
}
