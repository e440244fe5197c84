import { SHORTCUTS } from '../../lib/core/shortcuts/shortcutCommands';
import {
  openShortcutsPage,
  type ReadCommands,
  readChromeCommands,
} from '../../lib/ui/shortcuts/shortcutBindings';
import { useI18n } from '../common/i18nContext';
import { useShortcutBindings } from '../common/useShortcutBindings';

// The keyboard shortcuts as Chrome has them bound now, and the way to change them (Chrome's own page).

interface ShortcutSettingsProps {
  read?: ReadCommands;
  openPage?: () => void;
}

export function ShortcutSettings({
  read = readChromeCommands,
  openPage = openShortcutsPage,
}: ShortcutSettingsProps) {
  const { t } = useI18n();
  const bindings = useShortcutBindings(read);
  return (
    <section class="shortcuts" data-testid="shortcut-settings">
      <h2>{t('shortcuts.title')}</h2>
      <p class="muted">{t('shortcuts.help')}</p>
      {bindings ? (
        <dl class="shortcut-list">
          {SHORTCUTS.map(({ command }) => (
            <div key={command} class="shortcut" data-command={command}>
              <dt>{t(`shortcuts.${command}`)}</dt>
              <dd data-testid={`shortcut-${command}`}>
                {bindings[command] ? (
                  <kbd>{bindings[command]}</kbd>
                ) : (
                  <span class="muted">{t('shortcuts.unset')}</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p class="muted">{t('shortcuts.unknown')}</p>
      )}
      <button type="button" data-testid="change-shortcuts" onClick={openPage}>
        {t('shortcuts.change')}
      </button>
    </section>
  );
}
