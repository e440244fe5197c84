import { type ReadCommands, readChromeCommands } from '../../lib/ui/shortcuts/shortcutBindings';
import { useI18n } from '../common/i18nContext';
import { useShortcutBindings } from '../common/useShortcutBindings';

// One line under the current cue: the browser-wide keys for done / later / dismiss, as Chrome has them
// bound now. Says nothing when the keys are unknown or all cleared.

export function ShortcutHint({ read = readChromeCommands }: { read?: ReadCommands }) {
  const { t } = useI18n();
  const bindings = useShortcutBindings(read);
  if (!bindings || !(bindings['cue-done'] || bindings['cue-snooze'] || bindings['cue-dismiss'])) return null;
  const key = (keys: string) => keys || '—';
  return (
    <p class="shortcut-hint muted" data-testid="shortcut-hint">
      {t('hint.shortcuts', {
        done: key(bindings['cue-done']),
        snooze: key(bindings['cue-snooze']),
        dismiss: key(bindings['cue-dismiss']),
      })}
    </p>
  );
}
