import type { Cue } from '../../lib/core/engine/types';
import { renderCueText } from '../../lib/core/format/renderCue';
import type { Locale, Translate } from '../../lib/core/i18n/translate';
import type { UiMessageKey } from '../../lib/core/i18n/uiMessages';
import { useI18n } from '../common/i18nContext';
import { VirtualList } from '../common/VirtualList';

// Today's cues, newest first, each with what the operator did and what happened next.

const ROW_HEIGHT = 44;
const LIST_HEIGHT = 264;

// One formatter per locale: toLocaleTimeString builds a new one on every call, which the panel's profile
// showed as its costliest line while a live room re-rendered this list.
const timeFormats = new Map<Locale, Intl.DateTimeFormat>();

export function formatTimeOfDay(ts: number, locale: Locale): string {
  let format = timeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
    timeFormats.set(locale, format);
  }
  return format.format(ts);
}

export function outcomeText(cue: Cue, t: Translate<UiMessageKey>): string {
  if (!cue.outcome) return '';
  const percent = Math.round(cue.outcome.lift * 100);
  return t('outcome.lift', {
    metric: t(`metric.${cue.outcome.metric}`),
    lift: `${percent >= 0 ? '+' : ''}${percent}%`,
  });
}

export function TodaysCues({ cues }: { cues: readonly Cue[] }) {
  const { locale, t } = useI18n();
  return (
    <section class="todays-cues" data-testid="todays-cues">
      <h3>
        {t('today.title')} <span class="count">{cues.length}</span>
      </h3>
      {cues.length === 0 ? (
        <p class="muted">{t('today.none')}</p>
      ) : (
        <VirtualList
          items={cues}
          rowHeight={ROW_HEIGHT}
          height={LIST_HEIGHT}
          itemKey={(cue) => cue.id}
          label={t('today.title')}
          testId="todays-cues-list"
          renderRow={(cue) => (
            <div
              class={`history-cue severity-${cue.severity}`}
              data-cue-id={cue.id}
              data-rule-id={cue.ruleId}
              data-status={cue.status}
            >
              <span class="history-time">{formatTimeOfDay(cue.firedAt, locale)}</span>
              <span class="history-title">{renderCueText(cue, locale).title}</span>
              <span class={`history-status status-${cue.status}`}>{t(`status.${cue.status}`)}</span>
              <span class="history-outcome">{outcomeText(cue, t)}</span>
            </div>
          )}
        />
      )}
    </section>
  );
}
