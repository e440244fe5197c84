import type { ComponentType } from 'preact';
import { useMemo } from 'preact/hooks';
import { summariseOutcomes } from '../../lib/core/engine/outcomeSummary';
import type { Cue } from '../../lib/core/engine/types';
import { formatClock } from '../../lib/core/format/formatClock';
import { formatMetricValue } from '../../lib/core/format/formatMetric';
import { renderCueText } from '../../lib/core/format/renderCue';
import type { Locale, Translate } from '../../lib/core/i18n/translate';
import type { UiMessageKey } from '../../lib/core/i18n/uiMessages';
import { minuteSeries } from '../../lib/ui/review/minuteSeries';
import { productSlots } from '../../lib/ui/review/productSlots';
import type { ReviewData } from '../../lib/ui/review/reviewQueries';
import {
  compareWithPrevious,
  FIGURE_KEYS,
  type FigureKey,
  type SessionFigures,
} from '../../lib/ui/review/sessionComparison';
import { slotQuestions } from '../../lib/ui/review/slotQuestions';
import { useI18n } from '../common/i18nContext';
import { VirtualList } from '../common/VirtualList';
import { outcomeText } from '../panel/TodaysCues';
import { ProductTable } from './ProductTable';
import { ReviewChart } from './ReviewChart';
import { SlotQuestionList } from './SlotQuestionList';

// The review (复盘) of one session: the curves with cues and product slots, what each cue led to,
// which rules earned their place, and how the session compares with the room's earlier ones.

interface ReviewViewProps {
  /** undefined while loading, null when the session does not exist. */
  data: ReviewData | null | undefined;
  /** The chart draws on a canvas; pages use uPlot, tests without a canvas pass their own. */
  Chart?: ComponentType<Parameters<typeof ReviewChart>[0]>;
}

function formatFigure(key: FigureKey, value: number | null, locale: Locale): string {
  if (value === null) return '—';
  if (key === 'durationMs') return formatClock(value);
  if (key === 'gmv' || key === 'gpm') return formatMetricValue('gmv', value, locale);
  return formatMetricValue('viewers', value, locale);
}

const signedPercent = (ratio: number | null) =>
  ratio === null ? '—' : `${ratio >= 0 ? '+' : ''}${Math.round(ratio * 100)}%`;

function formatDateTime(ts: number, locale: Locale): string {
  return new Date(ts).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', hour12: false });
}

function CueList({ cues, startedAt }: { cues: readonly Cue[]; startedAt: number }) {
  const { locale, t } = useI18n();
  if (cues.length === 0) return <p class="muted">{t('review.noCues')}</p>;
  return (
    <VirtualList
      items={cues}
      rowHeight={40}
      height={400}
      itemKey={(cue) => cue.id}
      label={t('review.cues')}
      testId="review-cues"
      renderRow={(cue) => (
        <div
          class={`review-cue severity-${cue.severity}`}
          data-cue-id={cue.id}
          data-rule-id={cue.ruleId}
          data-status={cue.status}
        >
          <span class="at">{formatClock(cue.firedAt - startedAt)}</span>
          <span class="title">{renderCueText(cue, locale).title}</span>
          <span class={`status status-${cue.status}`}>{t(`status.${cue.status}`)}</span>
          <span class="outcome">{outcomeText(cue, t)}</span>
        </div>
      )}
    />
  );
}

function RuleEffectiveness({ cues, t }: { cues: Cue[]; t: Translate<UiMessageKey> }) {
  const rows = summariseOutcomes(cues);
  if (rows.length === 0) return <p class="muted">{t('review.noCues')}</p>;
  return (
    <table data-testid="rule-effectiveness">
      <thead>
        <tr>
          <th>{t('review.rule')}</th>
          <th>{t('review.fired')}</th>
          <th>{t('review.done')}</th>
          <th>{t('review.dismissed')}</th>
          <th>{t('review.meanLift')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.ruleId} data-rule-id={row.ruleId}>
            <td>{t(`rule.${row.ruleId}`)}</td>
            <td>{row.fired}</td>
            <td>{row.done}</td>
            <td>{row.dismissed}</td>
            <td>{signedPercent(row.meanLift)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Comparison({ figures, previous }: { figures: SessionFigures; previous: SessionFigures[] }) {
  const { locale, t } = useI18n();
  if (previous.length === 0)
    return (
      <p class="muted" data-testid="comparison-empty">
        {t('review.noPrevious')}
      </p>
    );
  const compared = compareWithPrevious(figures, previous);
  return (
    <table data-testid="comparison">
      <thead>
        <tr>
          <th>{t('review.session')}</th>
          {FIGURE_KEYS.map((key) => (
            <th key={key}>{t(`figure.${key}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr class="this-session" data-session-id={figures.sessionId}>
          <td>{t('review.thisSession')}</td>
          {FIGURE_KEYS.map((key) => (
            <td key={key}>
              {formatFigure(key, figures[key], locale)}{' '}
              <span class="versus" data-figure={key}>
                {signedPercent(compared[key].versusMean)}
              </span>
            </td>
          ))}
        </tr>
        {previous.map((row) => (
          <tr key={row.sessionId} data-session-id={row.sessionId}>
            <td>
              <a href={`?session=${encodeURIComponent(row.sessionId)}`}>
                {formatDateTime(row.startedAt, locale)}
              </a>
            </td>
            {FIGURE_KEYS.map((key) => (
              <td key={key}>{formatFigure(key, row[key], locale)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReviewView({ data, Chart = ReviewChart }: ReviewViewProps) {
  const { locale, t } = useI18n();
  const series = useMemo(
    () =>
      data
        ? minuteSeries(
            data.samples,
            data.session.startedAt,
            data.session.endedAt ?? data.session.lastSampleAt,
            data.comments,
          )
        : null,
    [data],
  );
  const products = data?.productTable ?? null;
  // The real pin / explain spans where the page told them; sessions stored before, the samples' product.
  const slots = useMemo(
    () => (products?.slots.length ? products.slots : data ? productSlots(data.samples) : []),
    [data, products],
  );
  const asked = useMemo(() => (data ? slotQuestions(slots, data.comments) : []), [data, slots]);
  if (data === undefined) return <main class="review" aria-busy="true" />;
  if (data === null || !series) {
    return (
      <main class="review">
        <h1>{t('review.title')}</h1>
        <p data-testid="review-missing">{t('review.missing')}</p>
      </main>
    );
  }
  const { session, cues, figures, previous } = data;
  return (
    <main class="review" data-session-id={session.id}>
      <header>
        <h1>
          {t('review.title')} · {session.title || session.roomKey}
        </h1>
        <p class="muted">
          {session.site} · {formatDateTime(session.startedAt, locale)} · {t('figure.durationMs')}{' '}
          {formatClock(figures.durationMs)}
          {session.endedAt === undefined && ` · ${t('review.stillLive')}`}
        </p>
        <dl class="headline">
          {FIGURE_KEYS.map((key) => (
            <div key={key}>
              <dt>{t(`figure.${key}`)}</dt>
              <dd data-figure={key}>{formatFigure(key, figures[key], locale)}</dd>
            </div>
          ))}
        </dl>
      </header>
      <section>
        <h2>{t('review.chart')}</h2>
        <Chart series={series} cues={cues} slots={slots} />
        <p class="muted legend">{t('review.legend')}</p>
      </section>
      {data.comments.length > 0 && (
        <section>
          <h2>
            {t('review.questions')} <span class="count">{data.comments.length}</span>
          </h2>
          <SlotQuestionList slots={asked} />
        </section>
      )}
      {data.productsReading && (
        <section aria-busy="true">
          <h2>{t('review.products')}</h2>
          <p class="muted" data-testid="review-products-reading">
            {t('review.productsReading')}
          </p>
        </section>
      )}
      {products && products.rows.length > 0 && (
        <section>
          <h2>
            {t('review.products')} <span class="count">{products.rows.length}</span>
          </h2>
          <ProductTable review={products} />
        </section>
      )}
      <section>
        <h2>
          {t('review.cues')} <span class="count">{cues.length}</span>
        </h2>
        <CueList cues={cues} startedAt={session.startedAt} />
      </section>
      <section>
        <h2>{t('review.effectiveness')}</h2>
        <RuleEffectiveness cues={cues} t={t} />
      </section>
      <section>
        <h2>{t('review.comparison')}</h2>
        <Comparison figures={figures} previous={previous} />
      </section>
    </main>
  );
}
