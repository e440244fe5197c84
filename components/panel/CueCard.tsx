import type { Cue, CueAction } from '../../lib/core/engine/types';
import { useI18n } from '../common/i18nContext';
import { CurrentCue } from './CurrentCue';

// The current cue, large, or the all-clear when nothing needs doing.

interface CueCardProps {
  cue: Cue | null;
  now: number;
  onAction: (action: CueAction) => void;
  busy: boolean;
  ringSize: number;
}

export function CueCard({ cue, now, onAction, busy, ringSize }: CueCardProps) {
  const { t } = useI18n();
  if (!cue) {
    return (
      <section class="no-cue" data-testid="no-cue">
        <p>{t('cue.none')}</p>
      </section>
    );
  }
  return <CurrentCue cue={cue} now={now} onAction={onAction} busy={busy} ringSize={ringSize} />;
}
