import type { ViewSettings } from '../../lib/core/settings/viewSettings';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';
import { OutputToggle } from '../common/OutputToggle';
import { SessionHistoryLink } from './SessionHistoryLink';
import { ShortcutHint } from './ShortcutHint';

// The operator's switches (overlay, sound), the links to the review of this session, the session history
// and settings, and the browser-wide shortcut keys.

interface PanelFooterProps {
  sessionId: string;
  settings: ViewSettings;
  run: (command: Parameters<SendCommand>[0]) => void;
}

export function PanelFooter({ sessionId, settings, run }: PanelFooterProps) {
  const { t } = useI18n();
  return (
    <footer class="panel-footer">
      <OutputToggle
        setting="overlay"
        settings={settings}
        label={t('overlay.toggle')}
        testId="overlay-toggle"
        class="overlay-toggle"
        onCommand={run}
      />
      <OutputToggle
        setting="sound"
        settings={settings}
        label={t('sound.toggle')}
        testId="sound-toggle"
        class="sound-toggle"
        onCommand={run}
      />
      <a
        href={`/review.html?session=${encodeURIComponent(sessionId)}`}
        target="_blank"
        rel="noreferrer"
        data-testid="link-review"
      >
        {t('link.review')}
      </a>
      <SessionHistoryLink />
      <a href="/options.html" target="_blank" rel="noreferrer" data-testid="link-settings">
        {t('link.settings')}
      </a>
      <ShortcutHint />
    </footer>
  );
}
