import type { Settings } from '../../lib/core/settings/settingsSchema';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';
import { SessionHistoryLink } from './SessionHistoryLink';
import { ShortcutHint } from './ShortcutHint';

// The operator's switches (overlay, sound), the links to the review of this session, the session history
// and settings, and the browser-wide shortcut keys.

interface PanelFooterProps {
  sessionId: string;
  settings: Settings;
  run: (command: Parameters<SendCommand>[0]) => void;
}

export function PanelFooter({ sessionId, settings, run }: PanelFooterProps) {
  const { t } = useI18n();
  return (
    <footer class="panel-footer">
      <label class="overlay-toggle">
        <input
          type="checkbox"
          data-testid="overlay-toggle"
          checked={settings.overlay}
          onChange={(event) => run({ type: 'overlay.toggle', enabled: event.currentTarget.checked })}
        />
        {t('overlay.toggle')}
      </label>
      <label class="sound-toggle">
        <input
          type="checkbox"
          data-testid="sound-toggle"
          checked={settings.sound}
          onChange={(event) =>
            run({ type: 'settings.update', patch: { sound: event.currentTarget.checked } })
          }
        />
        {t('sound.toggle')}
      </label>
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
