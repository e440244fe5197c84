import type { Cue } from '../../lib/core/engine/types';
import { formatClock } from '../../lib/core/format/formatClock';
import { renderCueText } from '../../lib/core/format/renderCue';
import { useI18n } from '../common/i18nContext';

// Cues waiting behind the current one, and the snoozed ones with when they come back.

interface CueQueueProps {
  queue: readonly Cue[];
  snoozed: readonly Cue[];
  now: number;
}

/** Only a few ever wait (the engine caps active cues); the bound keeps a backlog from flooding the panel. */
const MAX_SHOWN = 8;

export function CueQueue({ queue, snoozed, now }: CueQueueProps) {
  const { locale, t } = useI18n();
  if (queue.length === 0 && snoozed.length === 0) return null;
  return (
    <section class="cue-queue" aria-label={t('queue.title')} data-testid="cue-queue">
      <h3>
        {t('queue.title')} <span class="count">{queue.length}</span>
      </h3>
      <ol>
        {queue.slice(0, MAX_SHOWN).map((cue) => (
          <li
            key={cue.id}
            class={`queued-cue severity-${cue.severity}`}
            data-cue-id={cue.id}
            data-rule-id={cue.ruleId}
          >
            {renderCueText(cue, locale).title}
          </li>
        ))}
        {snoozed.slice(0, MAX_SHOWN).map((cue) => (
          <li
            key={cue.id}
            class="queued-cue snoozed"
            data-cue-id={cue.id}
            data-rule-id={cue.ruleId}
            data-status="snoozed"
          >
            {renderCueText(cue, locale).title}{' '}
            <span class="muted">
              {t('queue.snoozedFor', { time: formatClock((cue.snoozedUntil ?? now) - now) })}
            </span>
          </li>
        ))}
      </ol>
      {queue.length > MAX_SHOWN && (
        <p class="muted">{t('queue.more', { count: queue.length - MAX_SHOWN })}</p>
      )}
    </section>
  );
}
