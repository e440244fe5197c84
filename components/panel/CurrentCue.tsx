import { countdownLeft } from '../../lib/core/cues/cueOrder';
import type { Cue, CueAction } from '../../lib/core/engine/types';
import { renderCueText } from '../../lib/core/format/renderCue';
import { useI18n } from '../common/i18nContext';
import { CountdownRing } from './CountdownRing';
import { CueActions } from './CueActions';

// The cue to act on now, large: title, one-line instruction, countdown and the three actions.

interface CurrentCueProps {
  cue: Cue;
  now: number;
  onAction: (action: CueAction) => void;
  busy: boolean;
  ringSize: number;
  /** The title alone, as one large line (a questions cue in streamer mode: "14 人问尺码 — 报尺码表"). */
  titleOnly?: boolean;
}

export function CurrentCue({ cue, now, onAction, busy, ringSize, titleOnly = false }: CurrentCueProps) {
  const { locale, t } = useI18n();
  const text = renderCueText(cue, locale);
  const countdown = countdownLeft(cue, now);
  return (
    <section
      class={`current-cue severity-${cue.severity}`}
      data-cue-id={cue.id}
      data-rule-id={cue.ruleId}
      data-severity={cue.severity}
      data-testid="current-cue"
      aria-label={t('cue.current')}
    >
      <div class="current-cue-body">
        <p class="cue-severity">{t(`severity.${cue.severity}`)}</p>
        <h2 class="cue-title">{text.title}</h2>
        {!titleOnly && <p class="cue-detail">{text.detail}</p>}
      </div>
      {countdown && (
        <CountdownRing seconds={countdown.seconds} fraction={countdown.fraction} size={ringSize} />
      )}
      <CueActions onAction={onAction} busy={busy} />
    </section>
  );
}
