import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRuns } from '../../scripts/replay/readRuns';
import { replayRun } from '../../scripts/replay/replayRun';
import {
  exportFileOf,
  type Harness,
  loadScenario,
  readStoredCues,
  readStoredTables,
  startHarness,
} from './extensionHarness';

// Chrome stops idle service workers; Livecue must lose nothing when it does. The worker is stopped
// several times while a fast-forwarded scenario plays; afterwards every step the room showed is stored
// exactly once, and the stored cues equal a replay of the stored session.

describe('service worker killed mid-session', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('stores every sample once and cues equal the replay', async () => {
    const scenario = { ...loadScenario('evening-drop'), durationSec: 900, ended: false };
    // The database is read from the settings page: no open panel renders each sample, nor wakes the stopped
    // worker with its status polls (the room's own next reading must).
    const reader = await harness.openReader();
    const room = await harness.openRoom(scenario, { speed: 30 });

    // Each kill waits for the restarted worker to have stored fresh samples, so every kill lands mid-session
    // on a live worker however slowly a busy machine plays the room.
    let stored = 0;
    for (let kill = 0; kill < 4; kill++) {
      const before = stored;
      await expect
        .poll(
          async () => {
            stored = (await readStoredTables(reader)).samples.length;
            return stored;
          },
          { timeout: 30_000 },
        )
        .toBeGreaterThanOrEqual(before + 60);
      await harness.browser.stopServiceWorker();
    }
    // The kills are over; the session's cue is the viewer drop at 10:00. Once it is stored, and the worker
    // restarted after the last kill has stored fresh samples, the room stops: its last scenario minutes (10
    // wall seconds of samples at 30×) add no kill and no cue to compare.
    const afterKills = stored;
    await expect
      .poll(async () => (await readStoredCues(reader)).some((cue) => cue.ruleId === 'traffic-drop'), {
        timeout: 120_000,
      })
      .toBe(true);
    await expect
      .poll(async () => (await readStoredTables(reader)).samples.length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(afterKills + 60);
    await room.evaluate(() => window.mockRoom.stop());

    const shown = await room.evaluate(() => window.mockRoom.shownTimes());
    // The content script resends what the stopped workers never acknowledged: wait until all of it landed.
    let tables = await readStoredTables(reader);
    await expect
      .poll(
        async () => {
          tables = await readStoredTables(reader);
          const stored = new Set(tables.samples.map((s) => s.ts));
          return shown.filter((ts) => !stored.has(ts)).length;
        },
        { timeout: 30_000 },
      )
      .toBe(0);

    expect(tables.sessions).toHaveLength(1);
    const session = tables.sessions[0]!;
    const keys = tables.samples.map((s) => `${s.sessionId}|${s.ts}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(tables.samples.length).toBeGreaterThanOrEqual(shown.length);

    const read = readRuns(exportFileOf(tables, session.id), 'exported');
    if (!read.ok) throw new Error(read.error);
    const replayed = replayRun(read.runs[0]!);
    const project = (cues: { id: string; ruleId: string; status: string }[]) =>
      cues.map((c) => `${c.id} ${c.status}`).sort();
    expect(replayed.length).toBeGreaterThan(0);
    expect(project(tables.cues)).toEqual(project(replayed));
  });
});
