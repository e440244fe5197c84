import { afterEach, beforeEach, expect, it } from 'vitest';
import { LivecueDb } from '../../../../lib/store/database';
import type { CueRow, SessionRow } from '../../../../lib/store/rows';
import { readPanelFirstScreen, startPanelFirstRead } from '../../../../lib/ui/panel/panelFirstRead';
import { currentSession, latestSample, openCues, viewSettings } from '../../../../lib/ui/panel/panelQueries';
import { liveCue, liveSession } from '../../liveCueFixtures';

// The side panel's early read with bare IndexedDB must answer as the Dexie queries the panel then runs live.

const T = Date.UTC(2026, 10, 24, 12, 0);

/** A session whose last sample came at `lastSampleAt`. */
const session = (id: string, lastSampleAt: number, extra: Partial<SessionRow> = {}): SessionRow =>
  liveSession(id, { startedAt: lastSampleAt - 600_000, lastSampleAt, ...extra });

/** A traffic-drop cue of the session, fired at `firedAt`, in `status`. */
const cue = (sessionId: string, firedAt: number, status: CueRow['status'], id = `${sessionId}:${firedAt}`) =>
  liveCue(sessionId, 'traffic-drop', { id, firedAt, status, expiresAt: firedAt + 60_000 });

let name: string;
let db: LivecueDb;
beforeEach(() => {
  name = `first-read-${Math.random()}`;
  db = new LivecueDb(name);
});
afterEach(async () => {
  await db.delete();
});

it('reads the current session, its waiting cues, newest sample and settings as the live queries do', async () => {
  // The newest session has ended: the current one is the open session sampled last.
  await db.sessions.bulkPut([
    session('ended', T + 5000, { endedAt: T + 5000 }),
    session('live', T),
    session('older', T - 60_000),
  ]);
  await db.cues.bulkPut([
    cue('live', T - 3000, 'snoozed'),
    cue('live', T - 9000, 'active'),
    cue('live', T - 1000, 'active', 'b-second-active'),
    cue('live', T - 20_000, 'done'),
    cue('older', T - 70_000, 'active'),
  ]);
  await db.samples.bulkPut([
    { sessionId: 'live', ts: T - 1000, metrics: { viewers: 10 } },
    { sessionId: 'live', ts: T, metrics: { viewers: 12 } },
    { sessionId: 'older', ts: T - 60_000, metrics: { viewers: 99 } },
  ]);
  await db.settings.put({ key: 'settings', value: { mode: 'streamer', locale: 'en' } });
  const live = await currentSession(db);

  const read = await readPanelFirstScreen(indexedDB, name);

  expect(read?.session).toEqual(live);
  expect(read?.session?.id).toBe('live');
  expect(read?.openCues).toEqual(await openCues(db, 'live'));
  expect(read?.openCues.map((c) => c.firedAt)).toEqual([T - 9000, T - 3000, T - 1000]);
  expect(read?.latestSample).toEqual(await latestSample(db, 'live'));
  expect(read?.latestSample?.metrics.viewers).toBe(12);
  expect(read?.settings).toEqual({ mode: 'streamer', locale: 'en' });
  expect(await viewSettings(db)).toMatchObject({ mode: 'streamer', locale: 'en' });
});

it('reads no room when every session has ended, and no settings when none are stored', async () => {
  await db.sessions.put(session('ended', T, { endedAt: T }));
  await db.cues.put(cue('ended', T - 1000, 'active'));
  expect(await readPanelFirstScreen(indexedDB, name)).toEqual({
    session: null,
    openCues: [],
    latestSample: undefined,
    settings: undefined,
  });
});

it('answers null for a database that does not exist yet, and leaves it to the worker to create', async () => {
  const missing = `first-read-missing-${Math.random()}`;
  expect(await readPanelFirstScreen(indexedDB, missing)).toBeNull();
  const names = (await indexedDB.databases()).map((info) => info.name);
  expect(names).not.toContain(missing);
});

it('closes its connection, so the worker can upgrade the schema right after', async () => {
  await db.open();
  db.close();
  await readPanelFirstScreen(indexedDB, name);
  const upgrade = indexedDB.open(name, db.verno * 10 + 10);
  const blocked = await new Promise<boolean>((resolve) => {
    upgrade.onblocked = () => resolve(true);
    upgrade.onsuccess = () => {
      upgrade.result.close();
      resolve(false);
    };
  });
  expect(blocked).toBe(false);
});

it('holds its answer for a panel that starts after it came', async () => {
  await db.sessions.put(session('live', T));
  const pending = startPanelFirstRead(indexedDB, name);
  expect(pending.settled).toBeUndefined();
  const read = await pending.promise;
  expect(pending.settled).toEqual({ read });
  expect(read?.session?.id).toBe('live');
});
