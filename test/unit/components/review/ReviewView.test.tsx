// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createUiI18n, I18nContext } from '../../../../components/common/i18nContext';
import { chartData, chartOptions } from '../../../../components/review/chartOptions';
import { ReviewView } from '../../../../components/review/ReviewView';
import type { Cue } from '../../../../lib/core/engine/types';
import type { CommentRow, SampleRow, SessionRow } from '../../../../lib/store/rows';
import { minuteSeries } from '../../../../lib/ui/review/minuteSeries';
import { productReview } from '../../../../lib/ui/review/productReview';
import type { ReviewData } from '../../../../lib/ui/review/reviewQueries';
import { sessionFigures } from '../../../../lib/ui/review/sessionComparison';

const START = Date.UTC(2026, 10, 24, 12);
const session: SessionRow = {
  id: 'douyin:room-1:1',
  site: 'douyin',
  roomKey: 'room-1',
  title: 'Winter scarves',
  startedAt: START,
  endedAt: START + 10 * 60_000,
  lastSampleAt: START + 10 * 60_000,
  ruleSettings: {},
  peakViewers: 1500,
  gmv: 20_000,
  cuesFired: 2,
  cuesActed: 1,
};
const samples: SampleRow[] = Array.from({ length: 11 }, (_, minute) => ({
  sessionId: session.id,
  ts: START + minute * 60_000,
  metrics: {
    viewers: 1000 + minute * 50,
    gmv: minute * 2000,
    views: 5000 + minute * 1000,
    conversionRate: 0.02,
  },
  product: { id: minute < 5 ? 'p1' : 'p2', name: minute < 5 ? '羊绒围巾' : 'Gloves' },
}));
/** While the scarf is on: three viewers ask its size (one of them twice), one asks the price; later, chatter. */
const comments: CommentRow[] = [
  ['a', '多大码', ['size']],
  ['b', '165/120斤穿什么码', ['size']],
  ['a', '多大码啊', ['size']],
  ['c', '偏大吗', ['size']],
  ['d', '多少钱', ['price']],
  ['e', '好看', []],
].map(([user, text, topics], i) => ({
  sessionId: session.id,
  ts: START + 60_000 + i * 10_000,
  user: user as string,
  text: text as string,
  topics: topics as CommentRow['topics'],
}));
const cues: Cue[] = [
  {
    id: `${session.id}:traffic-drop:${START + 120_000}`,
    sessionId: session.id,
    ruleId: 'traffic-drop',
    firedAt: START + 120_000,
    severity: 'act',
    title: 'cue.traffic-drop.title',
    detail: 'cue.traffic-drop.detail',
    params: { windowSec: 20, from: 1400, to: 700, holdSec: 150 },
    evidence: [],
    expiresAt: START + 240_000,
    status: 'done',
    outcome: { metric: 'viewers', before: 1000, after: 1200, lift: 0.2 },
  },
  {
    id: `${session.id}:traffic-drop:${START + 400_000}`,
    sessionId: session.id,
    ruleId: 'traffic-drop',
    firedAt: START + 400_000,
    severity: 'act',
    title: 'cue.traffic-drop.title',
    detail: 'cue.traffic-drop.detail',
    params: { windowSec: 20, from: 1400, to: 700, holdSec: 150 },
    evidence: [],
    expiresAt: START + 520_000,
    status: 'dismissed',
  },
];
const previousSession: SessionRow = {
  ...session,
  id: 'douyin:room-1:0',
  startedAt: START - 86_400_000,
  gmv: 10_000,
};

function data(withPrevious: boolean): ReviewData {
  return {
    session,
    samples,
    comments,
    cues,
    figures: sessionFigures(session, samples.at(-1)),
    previous: withPrevious ? [sessionFigures(previousSession, undefined)] : [],
  };
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

/** The canvas chart is exercised in the browser tests; here it records what it was handed. */
let charted: { minutes: number; cues: number; slots: string[] } | null = null;
function RecordingChart(props: {
  series: { minutes: number[] };
  cues: readonly Cue[];
  slots: readonly { name: string }[];
}) {
  charted = {
    minutes: props.series.minutes.length,
    cues: props.cues.length,
    slots: props.slots.map((s) => s.name),
  };
  return <div data-testid="review-chart" />;
}

function show(review: ReviewData | null, locale: 'en' | 'zh-CN' = 'en') {
  act(() =>
    render(
      <I18nContext.Provider value={createUiI18n(locale)}>
        <ReviewView data={review} Chart={RecordingChart} />
      </I18nContext.Provider>,
      root,
    ),
  );
}

it('charts the session per minute with its cues and product slots', () => {
  show(data(true));
  expect(charted).toEqual({ minutes: 11, cues: 2, slots: ['羊绒围巾', 'Gloves'] });
  expect(root.querySelector('[data-figure="gmv"]')?.textContent).toBe('¥20k');
});

it('lists the cues with their outcomes and each rule’s effectiveness', () => {
  show(data(true));
  const rows = [...root.querySelectorAll<HTMLElement>('[data-testid="review-cues"] [data-cue-id]')];
  expect(rows.map((row) => row.dataset.status)).toEqual(['done', 'dismissed']);
  expect(rows[0]?.textContent).toContain('Viewers +20%');
  const rule = root.querySelector('[data-testid="rule-effectiveness"] [data-rule-id="traffic-drop"]');
  expect([...(rule?.querySelectorAll('td') ?? [])].map((td) => td.textContent)).toEqual([
    'Traffic drop',
    '2',
    '1',
    '1',
    '+20%',
  ]);
});

it('compares with the room’s earlier sessions, or says there are none', () => {
  show(data(true));
  expect(
    root.querySelector('[data-testid="comparison"] .this-session [data-figure="gmv"]')?.textContent,
  ).toBe('+100%');
  show(data(false));
  expect(root.querySelector('[data-testid="comparison-empty"]')).not.toBeNull();
});

it('lists what viewers asked per product slot, each asker once, with their words', () => {
  show(data(true));
  const slots = [...root.querySelectorAll<HTMLElement>('[data-testid="slot-questions"] > li')];
  expect(slots.map((slot) => slot.querySelector('strong')?.textContent)).toEqual(['羊绒围巾']);
  const topics = [...slots[0]!.querySelectorAll<HTMLElement>('[data-topic]')];
  expect(topics.map((li) => li.dataset.topic)).toEqual(['size', 'price']);
  expect(topics[0]?.textContent).toBe('3 asked about size 「偏大吗」 「多大码啊」 「165/120斤穿什么码」');
});

it('says so when the session is not in the history, in Chinese too', () => {
  show(null, 'zh-CN');
  expect(root.querySelector('[data-testid="review-missing"]')?.textContent).toContain('找不到');
});

it('builds uPlot data with conversion in percent and one series per curve', () => {
  const series = minuteSeries(samples, START, undefined, comments);
  const [x, viewers, gmv, conversion, commentsPerMinute] = chartData(series);
  expect(commentsPerMinute?.slice(0, 3)).toEqual([0, 6, 0]);
  expect(x).toHaveLength(11);
  expect(viewers?.[2]).toBe(1100);
  expect(gmv?.[1]).toBe(2000);
  expect(conversion?.[0]).toBe(2);
  const options = chartOptions(createUiI18n('en').t, 'en', 800, () => ({ cues, slots: [] }), String);
  expect(options.series.map((s) => s.label)).toEqual([
    undefined,
    'Viewers',
    'GMV / min',
    'Conversion',
    'Comments / min',
  ]);
  expect(options.hooks?.draw).toHaveLength(1);
});

it('shows the session while its product list is still being read, then the table', () => {
  show({ ...data(true), productsReading: true });
  expect(root.querySelector('[data-testid="review-products-reading"]')?.textContent).toBe(
    'Reading the product list…',
  );
  expect(root.querySelector('[data-figure="gmv"]')?.textContent).toBe('¥20k');
  show({
    ...data(true),
    productTable: productReview(
      {
        snapshots: [
          { sessionId: session.id, productId: 'p1', ts: START, name: '羊绒围巾', metrics: { sold: 2 } },
        ],
        pins: [],
      },
      START + 60_000,
    ),
  });
  expect(root.querySelector('[data-testid="review-products-reading"]')).toBeNull();
  expect(root.querySelectorAll('[data-testid="review-products"] tr[data-product-id]')).toHaveLength(1);
});
