import type { CueAction } from '../../lib/core/engine/types';
import { useI18n } from '../common/i18nContext';

// Done / snooze / dismiss, each showing its keyboard shortcut.

export const CUE_SHORTCUTS: Record<string, CueAction> = { d: 'done', s: 'snooze', x: 'dismiss' };
const KEYS: Record<CueAction, string> = { done: 'D', snooze: 'S', dismiss: 'X' };

interface CueActionsProps {
  onAction: (action: CueAction) => void;
  busy: boolean;
}

export function CueActions({ onAction, busy }: CueActionsProps) {
  const { t } = useI18n();
  return (
    <div class="cue-actions">
      {(['done', 'snooze', 'dismiss'] as const).map((action) => (
        <button
          key={action}
          type="button"
          class={`cue-action cue-action-${action}`}
          data-testid={`cue-${action}`}
          aria-keyshortcuts={KEYS[action]}
          disabled={busy}
          onClick={() => onAction(action)}
        >
          {t(`cue.action.${action}`)} <kbd>{KEYS[action]}</kbd>
        </button>
      ))}
    </div>
  );
}
