import { effect } from '@preact/signals';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Cue } from '../../../../lib/core/engine/types';
import type { CommandInput } from '../../../../lib/core/messages/commands';
import { LivecueDb } from '../../../../lib/store/database';
import type { SessionRow } from '../../../../lib/store/rows';
import { createPanelStore, type PanelStore } from '../../../../lib/ui/panel/panelStore';
import { defaultAnswer, recordingSender } from '../recordingSender';

const WALL = Date.UTC(2026, 10, 24, 12, 30);
/** The e2e build runs the session on a scenario clock one hour behind the wall clock. */
const OFFSET = 3_600_000;
const T = WALL - OFFSET;

const session: SessionRow = {
  id: 'mock:room:1',
  site: 'mock',
  roomKey: 'room',
  title: 'Room',
  startedAt: T - 600_000,
  lastSampleAt: T,
  clockOffsetMs: OFFSET,
  ruleSettings: {},
  peakViewers: null,
  gmv: null,
  cuesFired: 0,
  cuesActed: 0,
};

const cue: Cue = {
  id: `${session.id}:traffic-drop:${T}`,
  sessionId: session.id,
  ruleId: 'traffic-drop',
  firedAt: T,
  severity: 'act',
  title: 'cue.traffic-drop.title',
  detail: 'cue.traffic-drop.detail',
  params: {},
  evidence: [],
  expiresAt: T + 60_000,
  status: 'active',
};

let db: LivecueDb;
let store: PanelStore;
const sent: CommandInput[] = [];
const send = recordingSender(
  (command) => sent.push(command),
  (command) =>
    command.type === 'status.get'
      ? {
          ok: true,
          data: {
            ...defaultAnswer(command),
            write: {
              state: 'failing',
              error: 'QuotaExceededError',
              pending: 3,
              since: WALL,
              sessions: ['s'],
            },
          },
        }
      : undefined,
);

/** Resolves once `read()` satisfies `test`, as the signals update from liveQuery. */
function until<T>(read: () => T, test: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const stop = effect(() => {
      const value = read();
      if (test(value)) {
        queueMicrotask(() => stop());
        resolve(value);
      }
    });
  });
}

beforeEach(() => {
  db = new LivecueDb(`store-${Math.random()}`);
  store = createPanelStore(db, send, { wallClock: () => WALL, statusEveryMs: 60_000 });
});
afterEach(async () => {
  store.dispose();
  await db.delete();
});

it('starts with no room, then follows the live session, its samples and cues as they are written', async () => {
  expect(
    await until(
      () => store.session.value,
      (s) => s !== undefined,
    ),
  ).toBeNull();
  await db.sessions.put(session);
  await until(
    () => store.session.value,
    (s) => s?.id === session.id,
  );
  expect(store.now.value).toBe(T);

  await db.samples.put({ sessionId: session.id, ts: T, metrics: { viewers: 900 } });
  expect(
    (
      await until(
        () => store.samples.value,
        (rows) => rows.length === 1,
      )
    )[0]?.metrics.viewers,
  ).toBe(900);

  await db.cues.put(cue);
  expect(
    (
      await until(
        () => store.openCues.value,
        (rows) => rows.length === 1,
      )
    )[0]?.id,
  ).toBe(cue.id);
  expect(
    (
      await until(
        () => store.todaysCues.value,
        (rows) => rows.length === 1,
      )
    )[0]?.id,
  ).toBe(cue.id);

  await db.cues.put({ ...cue, status: 'done' });
  await until(
    () => store.openCues.value,
    (rows) => rows.length === 0,
  );
});

it('reads the settings row and reports a failing write from status.get', async () => {
  await db.settings.put({ key: 'settings', value: { mode: 'streamer' } });
  await until(
    () => store.settings.value.mode,
    (mode) => mode === 'streamer',
  );
  expect(
    await until(
      () => store.warning.value,
      (w) => w.kind !== 'none',
    ),
  ).toEqual({
    kind: 'failing',
    error: 'QuotaExceededError',
  });
  expect(sent).toContainEqual({ type: 'status.get' });
});
