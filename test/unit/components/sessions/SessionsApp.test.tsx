// @vitest-environment happy-dom
import { Dexie } from 'dexie';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionsApp } from '../../../../components/sessions/SessionsApp';
import type { CommandInput, CommandResult } from '../../../../lib/core/messages/commands';
import { LivecueDb } from '../../../../lib/store/database';
import type { CueRow, SampleRow, SessionRow } from '../../../../lib/store/rows';
import {
  createSessionsStore,
  type ExportedFile,
  type SessionsStore,
} from '../../../../lib/ui/sessions/sessionsStore';
import { recordingSender } from '../../ui/recordingSender';

const HOUR = 3_600_000;
const T0 = new Date(2026, 10, 24, 20, 0, 0).getTime();

const session = (roomKey: string, startedAt: number, extra: Partial<SessionRow> = {}): SessionRow => ({
  id: `douyin-buyin:${roomKey}:${startedAt}`,
  site: 'douyin-buyin',
  roomKey,
  title: `${roomKey} 专场`,
  startedAt,
  endedAt: startedAt + 2 * HOUR + 5 * 60_000 + 9000,
  endReason: 'operator',
  lastSampleAt: startedAt + 2 * HOUR,
  ruleSettings: {},
  peakViewers: 12_345,
  gmv: 67_890,
  cuesFired: 7,
  cuesActed: 3,
  ...extra,
});

const scarf = session('羊绒围巾', T0);
const tea = session('龙井茶', T0 - 48 * HOUR, { title: 'West Lake tea' });
const live = session('直播中', T0 + 3 * HOUR, {
  endedAt: undefined,
  endReason: undefined,
  peakViewers: null,
  gmv: null,
});

const samplesOf = (s: SessionRow, count: number): SampleRow[] =>
  Array.from({ length: count }, (_, i) => ({
    sessionId: s.id,
    ts: s.startedAt + i * 1000,
    metrics: { viewers: 100 + i, gmv: 10 * i, views: 50 + i },
    product: { name: '羊绒围巾 灰色' },
  }));
const cueOf = (s: SessionRow): CueRow => ({
  id: `${s.id}:milestone:${s.startedAt + 5000}`,
  sessionId: s.id,
  ruleId: 'milestone',
  firedAt: s.startedAt + 5000,
  severity: 'info',
  title: 'cue.milestone.title',
  detail: 'cue.milestone.detail',
  params: {},
  evidence: [],
  expiresAt: s.startedAt + 65_000,
  status: 'done',
});

let db: LivecueDb;
let store: SessionsStore;
let root: HTMLElement;
let sent: CommandInput[];
let answer: (command: CommandInput) => CommandResult | undefined;
let downloads: ExportedFile[];
let sidePanelOpened: number;
let dbCount = 0;

beforeEach(async () => {
  db = new LivecueDb(`livecue-sessions-${Date.now()}-${dbCount++}`);
  await db.sessions.bulkPut([scarf, tea, live]);
  await db.samples.bulkPut([...samplesOf(scarf, 130), ...samplesOf(tea, 3)]);
  await db.cues.bulkPut([cueOf(scarf), cueOf(tea)]);
  sent = [];
  downloads = [];
  sidePanelOpened = 0;
  answer = () => undefined;
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(async () => {
  act(() => render(null, root));
  root.remove();
  store.dispose();
  db.close();
  await Dexie.delete(db.name);
});

function show(browserLanguage = 'en-US') {
  store = createSessionsStore(db, {
    send: recordingSender(
      (command) => sent.push(command),
      (command) => answer(command),
    ),
    download: (file) => downloads.push(file),
    storageEstimate: async () => ({ usage: 5 * 1024 * 1024, quota: 2 * 1024 * 1024 * 1024 }),
    now: () => T0,
  });
  act(() =>
    render(
      <SessionsApp
        store={store}
        reviewUrl={(id) => `chrome-extension://livecue/review.html?session=${encodeURIComponent(id)}`}
        openSidePanel={() => {
          sidePanelOpened += 1;
        }}
        browserLanguage={browserLanguage}
      />,
      root,
    ),
  );
}

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const $$ = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
const rowIds = () => $$('[data-testid="session-row"]').map((row) => row.dataset.sessionId);

/** Lets liveQuery, IndexedDB and the components catch up until `ready` holds (counted turns, not time). */
async function until(ready: () => boolean, what: string) {
  for (let i = 0; i < 2000; i++) {
    if (ready()) return;
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const listed = () => until(() => rowIds().length > 0, 'the session list');

function click(selector: string) {
  const element = $(selector);
  if (!element) throw new Error(`no ${selector}`);
  act(() => element.click());
}
function type(selector: string, value: string) {
  const input = $<HTMLInputElement>(selector)!;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function choose(sessionId: string) {
  const checkbox = root.querySelector<HTMLInputElement>(
    `[data-session-id="${sessionId}"] [data-testid="session-select"]`,
  )!;
  act(() => checkbox.click());
}

describe('session list', () => {
  it('lists sessions newest first with room, platform, start, duration and results', async () => {
    show();
    await listed();
    expect(rowIds()).toEqual([live.id, scarf.id, tea.id]);
    const row = $(`[data-session-id="${scarf.id}"]`)!;
    const text = (id: string) => row.querySelector(`[data-testid="${id}"]`)?.textContent;
    expect(text('session-title')).toBe('羊绒围巾 专场');
    expect(text('session-site')).toBe('Douyin Buyin');
    expect(text('session-start')).toBe('2026-11-24 20:00');
    expect(text('session-duration')).toBe('2:05:09');
    expect(text('session-peak')).toBe('Peak 12.3k');
    expect(text('session-gmv')).toBe('GMV ¥67.9k');
    expect(text('session-cues')).toBe('Cues 7 / acted 3');
    expect(row.querySelector('[data-testid="session-live"]')).toBeNull();
    expect(row.querySelector<HTMLAnchorElement>('[data-testid="session-review"]')?.getAttribute('href')).toBe(
      `chrome-extension://livecue/review.html?session=${encodeURIComponent(scarf.id)}`,
    );
    const liveRow = $(`[data-session-id="${live.id}"]`)!;
    expect(liveRow.querySelector('[data-testid="session-live"]')).not.toBeNull();
    expect(liveRow.querySelector('[data-testid="session-peak"]')?.textContent).toBe('Peak —');
  });

  it('follows the database: a session the background adds appears without reopening', async () => {
    show();
    await listed();
    const later = session('新场次', T0 + 5 * HOUR);
    await db.sessions.put(later);
    await until(() => rowIds()[0] === later.id, 'the new session');
  });

  it('says so when there is no session yet', async () => {
    await db.sessions.clear();
    show();
    await until(() => $('[data-testid="sessions-empty"]') !== null, 'the empty state');
  });

  it('filters by search text and by start date', async () => {
    show();
    await listed();
    type('[data-testid="session-search"]', 'west lake');
    expect(rowIds()).toEqual([tea.id]);
    type('[data-testid="session-search"]', '');
    type('[data-testid="filter-from"]', '2026-11-24');
    expect(rowIds()).toEqual([live.id, scarf.id]);
    type('[data-testid="filter-to"]', '2026-11-24');
    type('[data-testid="filter-from"]', '2026-11-22');
    expect(rowIds()).toEqual([live.id, scarf.id, tea.id]);
    type('[data-testid="filter-to"]', '2026-11-23');
    expect(rowIds()).toEqual([tea.id]);
    type('[data-testid="session-search"]', 'nothing like this');
    expect($('[data-testid="sessions-no-match"]')).not.toBeNull();
  });

  it('selects one, several, or all listed sessions', async () => {
    show();
    await listed();
    expect($<HTMLButtonElement>('[data-testid="export-json"]')!.disabled).toBe(true);
    choose(scarf.id);
    expect($('[data-testid="selected-count"]')?.textContent).toBe('1 selected');
    choose(tea.id);
    expect($('[data-testid="selected-count"]')?.textContent).toBe('2 selected');
    click('[data-testid="select-all"]');
    expect($('[data-testid="selected-count"]')?.textContent).toBe('3 selected');
    click('[data-testid="select-all"]');
    expect($('[data-testid="selected-count"]')?.textContent).toBe('0 selected');
    // Select-all takes what the filter shows, not what it hides.
    type('[data-testid="session-search"]', 'west');
    click('[data-testid="select-all"]');
    type('[data-testid="session-search"]', '');
    expect($('[data-testid="selected-count"]')?.textContent).toBe('1 selected');
  });

  it('opens the side panel', async () => {
    show();
    click('[data-testid="open-side-panel"]');
    expect(sidePanelOpened).toBe(1);
  });
});

describe('export', () => {
  it('exports the chosen sessions as one re-importable JSON file', async () => {
    show();
    await listed();
    choose(scarf.id);
    choose(tea.id);
    const progress: number[] = [];
    const stop = store.exportProgress.subscribe((p) => p && progress.push(p.done));
    click('[data-testid="export-json"]');
    await until(() => downloads.length === 1, 'the JSON download');
    stop();
    const [file] = downloads;
    expect(file?.name).toBe('livecue-export-20261124-2000.json');
    const parsed = JSON.parse(await file!.blob.text());
    expect(parsed.format).toBe('livecue-export');
    expect(parsed.sessions.map((entry: { session: SessionRow }) => entry.session.id)).toEqual([
      scarf.id,
      tea.id,
    ]);
    expect(parsed.sessions[0].samples).toHaveLength(130);
    expect(progress.at(-1)).toBe(130 + 3 + 2);
    await until(() => $('[data-testid="export-file-json"]') !== null, 'the file link');
    expect($<HTMLAnchorElement>('[data-testid="export-file-json"]')?.getAttribute('download')).toBe(
      file?.name,
    );
    expect($('[data-testid="export-progress"]')).toBeNull();
  });

  it('exports CSV per minute as a samples file, a cues file and a comments file, Chinese intact', async () => {
    show();
    await listed();
    choose(scarf.id);
    click('[data-testid="export-csv-minute"]');
    await until(() => downloads.length === 3, 'the three CSV downloads');
    expect(downloads.map((file) => [file.kind, file.name])).toEqual([
      ['samples', 'livecue-samples-per-minute-20261124-2000.csv'],
      ['cues', 'livecue-cues-20261124-2000.csv'],
      ['comments', 'livecue-comments-20261124-2000.csv'],
    ]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await downloads[0]!.blob.arrayBuffer());
    expect(text.startsWith('\uFEFFsession_id,room,site,time,ts,samples,viewers')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 3);
    expect(lines[1]).toContain('羊绒围巾 专场');
    expect(lines[1]).toContain('羊绒围巾 灰色');
    expect(await downloads[1]!.blob.text()).toContain('milestone');
  });
});

describe('import', () => {
  async function pick(text: string) {
    const input = $<HTMLInputElement>('[data-testid="import-file"]')!;
    Object.defineProperty(input, 'files', { value: [new File([text], 'export.json')], configurable: true });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }

  it('sends the file text to the background and shows the path of its first error', async () => {
    answer = () => ({ ok: false, error: 'sessions[0].samples[12].ts: expected number' });
    show();
    await pick('{"format":"livecue-export"}');
    await until(() => $('[data-testid="sessions-notice"]') !== null, 'the import notice');
    expect(sent).toEqual([{ type: 'history.import', json: '{"format":"livecue-export"}' }]);
    const notice = $('[data-testid="sessions-notice"]')!;
    expect(notice.dataset.notice).toBe('importFailed');
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toBe(
      'Import rejected, nothing changed: sessions[0].samples[12].ts: expected number',
    );
  });

  it('refuses a file too big for one message before sending it, measured as sent', async () => {
    show();
    // 22 M characters, far under 60 M, but each is three bytes of UTF-8 in the message: 66 MB.
    await store.importJson('羊'.repeat(22 * 1024 * 1024));
    await until(() => $('[data-testid="sessions-notice"]') !== null, 'the import notice');
    expect(sent).toEqual([]);
    expect($('[data-testid="sessions-notice"]')?.textContent).toContain('67 MB');
  });

  it('says exactly what the import added and what was here already', async () => {
    answer = () => ({
      ok: true,
      data: {
        added: { sessions: 2, samples: 10, comments: 0, actions: 0, cues: 1 },
        alreadyHere: { sessions: 1, samples: 5, comments: 0, actions: 2, cues: 0 },
        closed: 0,
        sessionIds: ['a', 'b', 'c'],
      },
    });
    show();
    await pick('{}');
    await until(() => $('[data-testid="sessions-notice"]') !== null, 'the import notice');
    expect($('[data-testid="sessions-notice"]')?.textContent).toBe(
      'Imported 2 new sessions, 10 readings and 1 cues. 7 rows were here already and were left as they are.',
    );
  });

  it('says how many comments came with the sessions, and counts the ones already here', async () => {
    answer = () => ({
      ok: true,
      data: {
        added: { sessions: 1, samples: 4, comments: 12, actions: 0, cues: 0 },
        alreadyHere: { sessions: 0, samples: 0, comments: 3, actions: 0, cues: 0 },
        closed: 0,
        sessionIds: ['a'],
      },
    });
    show();
    await pick('{}');
    await until(() => $('[data-testid="sessions-notice"]') !== null, 'the import notice');
    expect($('[data-testid="sessions-notice"]')?.textContent).toBe(
      'Imported 1 new sessions, 4 readings and 0 cues. 12 comments came with them. 3 rows were here already and were left as they are.',
    );
  });
});

describe('delete', () => {
  it('asks before deleting and sends the chosen ids', async () => {
    show();
    await listed();
    choose(scarf.id);
    choose(tea.id);
    click('[data-testid="delete-sessions"]');
    expect($('[data-testid="delete-confirmation"]')?.textContent).toContain('Delete 2 sessions');
    click('[data-testid="delete-cancel"]');
    expect(sent).toEqual([]);
    expect($('[data-testid="delete-confirmation"]')).toBeNull();

    answer = () => ({ ok: true, data: { deleted: 2 } });
    click('[data-testid="delete-sessions"]');
    click('[data-testid="delete-confirm"]');
    await until(() => $('[data-testid="sessions-notice"]') !== null, 'the delete notice');
    expect(sent).toEqual([{ type: 'history.delete', sessionIds: [scarf.id, tea.id] }]);
    expect($('[data-testid="sessions-notice"]')?.textContent).toBe('Deleted 2 sessions.');
    expect($('[data-testid="selected-count"]')?.textContent).toBe('0 selected');
  });
});

describe('retention and storage', () => {
  it('shows the kept days from the settings and saves a new value through a command', async () => {
    await db.settings.put({ key: 'settings', value: { retentionDays: 30 } });
    show();
    const days = () => $<HTMLInputElement>('[data-testid="retention-days"]')!;
    await until(() => days().value === '30', 'the stored retention');
    expect($<HTMLButtonElement>('[data-testid="retention-save"]')!.disabled).toBe(true);
    type('[data-testid="retention-days"]', '0');
    expect($<HTMLButtonElement>('[data-testid="retention-save"]')!.disabled).toBe(true);
    type('[data-testid="retention-days"]', '14');
    await act(async () => {
      $('form.retention')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(sent).toEqual([{ type: 'settings.update', patch: { retentionDays: 14 } }]);
    expect($('[data-testid="sessions-notice"]')?.textContent).toBe('Saved.');
  });

  it('says what the last retention run removed', async () => {
    await db.settings.put({
      key: 'retention',
      value: {
        at: T0,
        keepDays: 90,
        count: 2,
        sessions: [{ id: 'douyin:a:1', title: '春季上新', startedAt: T0 }],
      },
    });
    show();
    await until(() => $('[data-testid="retention-removed"]') !== null, 'the retention report');
    const text = $('[data-testid="retention-removed"]')!.textContent!;
    expect(text).toContain('2 sessions older than 90 days');
    expect(text).toContain('春季上新');
  });

  it('shows the storage used', async () => {
    show();
    await until(() => $('[data-testid="storage-used"]') !== null, 'the storage estimate');
    expect($('[data-testid="storage-used"]')?.textContent).toBe('Storage used: 5.0 MB of 2.0 GB');
  });
});

describe('language', () => {
  it('speaks Chinese when the settings or the browser ask for it', async () => {
    show('zh-CN');
    await listed();
    const row = $(`[data-session-id="${scarf.id}"]`)!;
    expect(row.querySelector('[data-testid="session-site"]')?.textContent).toBe('抖音百应');
    expect(row.querySelector('[data-testid="session-peak"]')?.textContent).toBe('峰值在线 1.2万');
    expect($('[data-testid="export-csv-second"]')?.textContent).toBe('CSV（逐秒）');
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});
