import { afterEach, expect, it } from 'vitest';
import type { SampleRow } from '../../../../lib/store/rows';
import type { PanelFirstRead } from '../../../../lib/ui/panel/panelFirstRead';
import { createPanelShell } from '../../../../lib/ui/panel/panelShell';
import type { PanelStore } from '../../../../lib/ui/panel/panelStore';
import { liveCue, liveSession } from '../../liveCueFixtures';

// The side panel's first-render state: the early first read on the session's clock, before Dexie loads.

const WALL = Date.UTC(2026, 10, 24, 12, 30);
const OFFSET = 3_600_000;
const T = WALL - OFFSET;

const session = liveSession('mock:room:1', {
  startedAt: T - 600_000,
  lastSampleAt: T,
  clockOffsetMs: OFFSET,
});
const question = liveCue(session.id, 'questions', {
  firedAt: T,
  params: { topic: 'price', windowSec: 60 },
  expiresAt: T + 60_000,
});
const sample: SampleRow = { sessionId: session.id, ts: T, metrics: { viewers: 900 } };
const read: PanelFirstRead = {
  session,
  openCues: [question],
  latestSample: sample,
  settings: { mode: 'streamer', locale: 'en', sound: 'loud' },
};

let shell: PanelStore | undefined;
afterEach(() => shell?.dispose());

it('shows a first read that came before the page ran, on the session clock', () => {
  shell = createPanelShell({ promise: Promise.resolve(read), settled: { read } }, { wallClock: () => WALL });
  expect(shell.session.value).toEqual(session);
  expect(shell.now.value).toBe(T);
  expect(shell.openCues.value).toEqual([question]);
  expect(shell.openQuestions.value.map((q) => [q.cueId, q.topic])).toEqual([[question.id, 'price']]);
  expect(shell.samples.value).toEqual([sample]);
  // Validated as the live store does: a bad field reads as its default.
  expect(shell.settings.value).toMatchObject({ mode: 'streamer', locale: 'en', sound: false });
  expect(shell.todaysCues.value).toEqual([]);
  expect(shell.warning.value).toEqual({ kind: 'none' });
});

it('waits (loading) for a read still under way, and shows the empty state it finds', async () => {
  let answer: (value: PanelFirstRead | null) => void = () => {};
  shell = createPanelShell(
    { promise: new Promise((resolve) => (answer = resolve)) },
    { wallClock: () => WALL },
  );
  expect(shell.session.value).toBeUndefined();
  answer({ session: null, openCues: [], latestSample: undefined, settings: undefined });
  await Promise.resolve();
  expect(shell.session.value).toBeNull();
  expect(shell.settings.value.mode).toBe('operator');
});

it('keeps loading when there is no early read or it found nothing to show (the live store answers then)', async () => {
  shell = createPanelShell(undefined, { wallClock: () => WALL });
  expect(shell.session.value).toBeUndefined();
  shell.dispose();
  shell = createPanelShell(
    { promise: Promise.resolve(null), settled: { read: null } },
    { wallClock: () => WALL },
  );
  expect(shell.session.value).toBeUndefined();
});

it('ignores a read that answers after the live store took over', async () => {
  let answer: (value: PanelFirstRead | null) => void = () => {};
  shell = createPanelShell(
    { promise: new Promise((resolve) => (answer = resolve)) },
    { wallClock: () => WALL },
  );
  shell.dispose();
  answer(read);
  await Promise.resolve();
  expect(shell.session.value).toBeUndefined();
});
