// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUiI18n, I18nContext } from '../../../../components/common/i18nContext';
import { PanelApp } from '../../../../components/panel/PanelApp';
import { PanelView } from '../../../../components/panel/PanelView';
import type { Cue } from '../../../../lib/core/engine/types';
import type { Locale } from '../../../../lib/core/i18n/translate';
import type { CommandInput } from '../../../../lib/core/messages/commands';
import type { ReaderHealth } from '../../../../lib/core/messages/sample';
import { defaultSettings, type Settings } from '../../../../lib/core/settings/settingsSchema';
import type { SampleRow, SessionRow } from '../../../../lib/store/rows';
import type { OpenQuestion } from '../../../../lib/ui/panel/openQuestions';
import type { PanelState } from '../../../../lib/ui/panel/panelStore';
import type { RoomWarning, WriteWarning } from '../../../../lib/ui/panel/writeStatus';
import { recordingSender } from '../../ui/recordingSender';

const T = Date.UTC(2026, 10, 24, 12, 30);

const session: SessionRow = {
  id: 'mock:room-1:1',
  site: 'mock',
  roomKey: 'room-1',
  title: 'Evening drop',
  startedAt: T - 30 * 60_000,
  lastSampleAt: T,
  ruleSettings: {},
  peakViewers: 1400,
  gmv: 5000,
  cuesFired: 0,
  cuesActed: 0,
};

function cue(id: string, extra: Partial<Cue> = {}): Cue {
  return {
    id,
    sessionId: session.id,
    ruleId: 'traffic-drop',
    firedAt: T - 10_000,
    severity: 'act',
    title: 'cue.traffic-drop.title',
    detail: 'cue.traffic-drop.detail',
    params: { windowSec: 20, from: 1400, to: 700, holdSec: 150 },
    evidence: [],
    countdownSec: 60,
    expiresAt: T + 120_000,
    status: 'active',
    ...extra,
  };
}

const samples: SampleRow[] = [
  { sessionId: session.id, ts: T - 60_000, metrics: { viewers: 1400, gmv: 4000 } },
  {
    sessionId: session.id,
    ts: T,
    metrics: { viewers: 700, gmv: 5000 },
    health: {
      parsed: ['viewers', 'gmv'],
      failed: [{ metric: 'likes', raw: '--', reason: 'not a number' }],
      missing: ['orders'],
    },
  },
];

interface Harness {
  state: {
    session: ReturnType<typeof signal<SessionRow | null | undefined>>;
    samples: ReturnType<typeof signal<SampleRow[]>>;
    openCues: ReturnType<typeof signal<Cue[]>>;
    openQuestions: ReturnType<typeof signal<OpenQuestion[]>>;
    todaysCues: ReturnType<typeof signal<Cue[]>>;
    settings: ReturnType<typeof signal<Settings>>;
    warning: ReturnType<typeof signal<WriteWarning>>;
    unreadHealth: ReturnType<typeof signal<ReaderHealth | null>>;
    roomWarnings: ReturnType<typeof signal<RoomWarning[]>>;
    now: ReturnType<typeof signal<number>>;
  };
  sent: CommandInput[];
  beeps: number;
}

let root: HTMLElement;
let harness: Harness;

function mount(
  options: {
    locale?: Locale;
    mode?: Settings['mode'];
    sound?: boolean;
    cues?: Cue[];
    questions?: OpenQuestion[];
  } = {},
) {
  const sent: CommandInput[] = [];
  harness = {
    state: {
      session: signal<SessionRow | null | undefined>(session),
      samples: signal(samples),
      openCues: signal(
        options.cues ?? [
          cue('c1'),
          cue('c2', {
            severity: 'info',
            ruleId: 'engagement-low',
            title: 'cue.engagement-low.title',
            detail: 'cue.engagement-low.detail',
            params: { windowSec: 60, recent: 1, before: 8 },
          }),
        ],
      ),
      openQuestions: signal<OpenQuestion[]>(options.questions ?? []),
      todaysCues: signal<Cue[]>([]),
      settings: signal({
        ...defaultSettings(),
        mode: options.mode ?? 'operator',
        sound: options.sound ?? false,
      }),
      warning: signal<WriteWarning>({ kind: 'none' }),
      unreadHealth: signal<ReaderHealth | null>(null),
      roomWarnings: signal<RoomWarning[]>([]),
      now: signal(T),
    },
    sent,
    beeps: 0,
  };
  const send = recordingSender((command) => sent.push(command));
  act(() => {
    render(
      <I18nContext.Provider value={createUiI18n(options.locale ?? 'en')}>
        <PanelView
          state={harness.state as PanelState}
          send={send}
          beep={() => {
            harness.beeps += 1;
          }}
        />
      </I18nContext.Provider>,
      root,
    );
  });
}

const $ = (selector: string) => root.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
const settle = () => act(async () => {});

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

describe('operator mode', () => {
  it('shows the most pressing cue large with its text, countdown and shortcuts', () => {
    mount();
    const current = $('[data-testid="current-cue"]')!;
    expect(current.dataset.cueId).toBe('c1');
    expect(current.dataset.ruleId).toBe('traffic-drop');
    expect(current.textContent).toContain('1,400');
    expect(current.textContent).not.toContain('cue.traffic-drop');
    expect($('[data-testid="cue-countdown"]')?.dataset.seconds).toBe('50');
    expect($('[data-testid="cue-done"]')?.textContent).toContain('D');
    expect($('[data-testid="cue-snooze"]')?.textContent).toContain('S');
    expect($('[data-testid="cue-dismiss"]')?.textContent).toContain('X');
  });

  it('queues the other cues, shows metric tiles and what the reader cannot see', () => {
    mount();
    expect($$('[data-testid="cue-queue"] [data-cue-id]').map((el) => el.dataset.cueId)).toEqual(['c2']);
    expect($$('[data-metric]').map((el) => el.dataset.metric)).toEqual(['viewers', 'gmv']);
    expect($('[data-metric="viewers"] .metric-value')?.textContent).toBe('700');
    expect($('[data-metric="viewers"] path')?.getAttribute('d')).toMatch(/^M/);
    expect($('[data-testid="reader-health-count"]')?.textContent).toBe('2/4 metrics');
    expect($('[data-metric-failed="likes"] code')?.textContent).toBe('--');
    expect($('[data-testid="session-clock"]')?.textContent).toBe('30:00');
  });

  it('sends a command for each button and shortcut, and ignores keys typed into a field', async () => {
    mount();
    $('[data-testid="cue-done"]')!.click();
    await settle();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 's' }));
    await settle();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'X' }));
    await settle();
    const input = document.createElement('input');
    root.append(input);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'd', bubbles: true }));
    await settle();
    $('[data-testid="pick-orders"]')!.click();
    $('[data-testid="overlay-toggle"]')!.click();
    $('[data-testid="mode-toggle"]')!.click();
    await settle();
    expect(harness.sent).toEqual([
      { type: 'cue.done', cueId: 'c1' },
      { type: 'cue.snooze', cueId: 'c1' },
      { type: 'cue.dismiss', cueId: 'c1' },
      { type: 'picker.start', metric: 'orders' },
      { type: 'overlay.toggle', enabled: true },
      { type: 'settings.update', patch: { mode: 'streamer' } },
    ]);
  });

  it('announces a cue that fires after opening, and beeps when sound is on', async () => {
    mount({ sound: true, cues: [] });
    // A cue that was already waiting when the panel opened, loaded late: no announcement.
    act(() => {
      harness.state.openCues.value = [cue('c1')];
    });
    await settle();
    expect($('[data-testid="cue-announcer"]')?.textContent).toBe('');
    act(() => {
      harness.state.now.value = T + 2000;
      harness.state.openCues.value = [
        cue('c1'),
        cue('c3', {
          severity: 'urgent',
          firedAt: T + 1000,
          ruleId: 'data-stale',
          title: 'cue.data-stale.title',
          detail: 'cue.data-stale.detail',
          params: { sinceSec: 30 },
        }),
      ];
    });
    await settle();
    expect($('[data-testid="cue-announcer"]')?.getAttribute('aria-live')).toBe('assertive');
    expect($('[data-testid="cue-announcer"]')?.textContent).toMatch(/^New cue: /);
    expect(harness.beeps).toBe(1);
    expect($('[data-testid="current-cue"]')?.dataset.cueId).toBe('c3');
  });

  it('stays silent for a new cue when sound is off', async () => {
    mount({ sound: false, cues: [] });
    act(() => {
      harness.state.openCues.value = [cue('c4', { firedAt: T + 500 })];
    });
    await settle();
    expect($('[data-testid="cue-announcer"]')?.textContent).toMatch(/^New cue: /);
    expect(harness.beeps).toBe(0);
  });

  it('warns when the background says writes are failing', () => {
    mount();
    expect($('[data-testid="write-warning"]')).toBeNull();
    act(() => {
      harness.state.warning.value = { kind: 'failing', error: 'QuotaExceededError' };
    });
    expect($('[data-testid="write-warning"]')?.textContent).toContain('QuotaExceededError');
  });

  it('links to the review of the current session', () => {
    mount();
    expect($('[data-testid="link-review"]')?.getAttribute('href')).toBe(
      `/review.html?session=${encodeURIComponent(session.id)}`,
    );
  });
});

describe('streamer mode', () => {
  it('shows only the current cue and its countdown', () => {
    mount({ mode: 'streamer' });
    expect($('main')?.dataset.mode).toBe('streamer');
    expect($('[data-testid="current-cue"]')?.dataset.cueId).toBe('c1');
    expect($('[data-testid="cue-countdown"]')).not.toBeNull();
    expect($$('[data-metric]')).toHaveLength(0);
    expect($('[data-testid="cue-queue"]')).toBeNull();
    expect($('[data-testid="todays-cues"]')).toBeNull();
  });

  it('says all is well when there is nothing to do', () => {
    mount({ mode: 'streamer', cues: [] });
    expect($('[data-testid="no-cue"]')?.textContent).toContain('keep going');
  });
});

it('tells a new user what to do when no room is being read', () => {
  mount();
  act(() => {
    harness.state.session.value = null;
  });
  expect($('[data-testid="empty-state"]')?.textContent).toContain('Open your live dashboard');
  expect($('[data-testid="current-cue"]')).toBeNull();
  expect($('[data-testid="unread-room"]')).toBeNull();
  // A dashboard Livecue does not know can be enabled from here.
  expect($('[data-testid="site-access"] [data-testid="site-enable"]')).not.toBeNull();
});

it('says a typed address that is not a site, without asking the browser', async () => {
  mount();
  act(() => {
    harness.state.session.value = null;
  });
  const address = $('[data-testid="site-address"]') as HTMLInputElement;
  act(() => {
    address.value = 'not a site';
    address.dispatchEvent(new Event('input', { bubbles: true }));
  });
  act(() => {
    $('[data-testid="site-access"] form')!.dispatchEvent(new Event('submit', { cancelable: true }));
  });
  await act(async () => {});
  expect($('[data-testid="site-outcome"]')?.getAttribute('data-outcome')).toBe('invalid');
});

it('offers to bind the metrics of a room page it cannot read, before any session starts', () => {
  mount();
  act(() => {
    harness.state.session.value = null;
    harness.state.unreadHealth.value = {
      parsed: [],
      failed: [{ metric: 'viewers', raw: '--', reason: 'dash' }],
      missing: ['gmv'],
    };
  });
  expect($('[data-testid="unread-room"] [data-testid="reader-health-count"]')?.textContent).toContain('0');
  ($('[data-testid="unread-room"] [data-testid="pick-gmv"]') as HTMLButtonElement).click();
  expect(harness.sent).toContainEqual({ type: 'picker.start', metric: 'gmv' });
});

it('follows a Chinese browser when the language setting is auto', () => {
  const state = {
    session: signal<SessionRow | null | undefined>(null),
    samples: signal<SampleRow[]>([]),
    openCues: signal<Cue[]>([]),
    openQuestions: signal<OpenQuestion[]>([]),
    todaysCues: signal<Cue[]>([]),
    settings: signal<Settings>({ ...defaultSettings(), locale: 'auto' }),
    warning: signal<WriteWarning>({ kind: 'none' }),
    unreadHealth: signal<ReaderHealth | null>(null),
    roomWarnings: signal<RoomWarning[]>([]),
    now: signal(T),
  };
  const send = recordingSender(() => {});
  act(() => render(<PanelApp state={state} send={send} browserLanguage="zh-TW" />, root));
  expect($('[data-testid="empty-state"] h2')?.textContent).toBe('当前没有在读取的直播间');
  expect(document.documentElement.lang).toBe('zh-CN');
  act(() => {
    state.settings.value = { ...state.settings.value, locale: 'en' };
  });
  expect($('[data-testid="empty-state"] h2')?.textContent).toBe('No live room is being read');
});

it('speaks Chinese when the locale is zh-CN', () => {
  mount({ locale: 'zh-CN' });
  expect($('[data-testid="cue-done"]')?.textContent).toContain('已执行');
  expect($('[data-testid="current-cue"] .cue-title')?.textContent).toContain('在线人数');
  expect($('[data-testid="reader-health-count"]')?.textContent).toBe('2/4 项指标');
});

it('renders only the visible rows of 1,000 cues in today’s history', () => {
  const history = Array.from({ length: 1000 }, (_, i) =>
    cue(`h${i}`, { firedAt: T - i * 30_000, status: i % 3 === 0 ? 'done' : 'dismissed' }),
  );
  mount();
  act(() => {
    harness.state.todaysCues.value = history;
  });
  const rows = $$('[data-testid="todays-cues-list"] [data-cue-id]');
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThan(20);
  expect(rows[0]?.dataset.cueId).toBe('h0');
});

describe('open questions', () => {
  const sizeCue = cue('q1', {
    ruleId: 'questions',
    key: 'size',
    title: 'cue.questions.title.size',
    detail: 'cue.questions.detail.size',
    params: { topic: 'size', askers: 14, words: '「多大码」 「165穿什么码」', windowSec: 90 },
  });
  const question: OpenQuestion = {
    cueId: sizeCue.id,
    topic: 'size',
    askers: 14,
    words: ['偏大吗', '165/120斤穿什么码'],
    lastAt: T - 30_000,
    status: 'active',
  };

  it('lists what viewers keep asking, and answers or ignores it by command', () => {
    mount({ cues: [sizeCue], questions: [question] });
    const row = $('[data-testid="open-questions"] [data-topic="size"]')!;
    expect(row.textContent).toContain('14 asked about size');
    expect(row.textContent).toContain('「偏大吗」 「165/120斤穿什么码」');
    expect(row.textContent).toContain('last 30 s ago');
    act(() => row.querySelector<HTMLButtonElement>('[data-action="answered"]')!.click());
    act(() => row.querySelector<HTMLButtonElement>('[data-action="ignore"]')!.click());
    expect(harness.sent).toEqual([
      { type: 'cue.done', cueId: sizeCue.id },
      { type: 'cue.dismiss', cueId: sizeCue.id },
    ]);
  });

  it('shows a questions cue to the streamer as one large line', () => {
    mount({ mode: 'streamer', locale: 'zh-CN', cues: [sizeCue], questions: [question] });
    expect($('[data-testid="current-cue"] .cue-title')?.textContent).toBe('14 人问尺码 — 报尺码表');
    expect($('[data-testid="current-cue"] .cue-detail')).toBeNull();
    expect($('[data-testid="open-questions"]')).toBeNull();
  });
});
