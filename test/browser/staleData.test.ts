import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRuns } from '../../scripts/replay/readRuns';
import { replayRun } from '../../scripts/replay/replayRun';
import {
  exportFileOf,
  type Harness,
  PLAY_POLL_MS,
  readStoredTables,
  SCREENSHOT_DIR,
  startHarness,
} from './extensionHarness';

// Stale numbers in the built extension: the mock room plays a lively room whose viewer tile sticks for a
// while, then whose whole page freezes. The side panel greys the tiles the engine knows are stale and says
// why, a data-stale cue says which state it is, no business cue fires on the frozen numbers, and the
// stored session replays to the same cues.

const lively = (total: number, noisePct = 6) => ({
  points: [
    [0, 0],
    [400, total],
  ],
  noisePct,
});

const scenario = {
  name: 'stale-in-the-browser',
  durationSec: 400,
  seed: 31,
  startAt: '2026-11-24T15:00:00Z',
  ended: false,
  metrics: {
    viewers: {
      points: [
        [0, 1200],
        [400, 1250],
      ],
      noisePct: 6,
      stuck: [[100, 170]],
    },
    entries: lively(900),
    views: lively(2400),
    likes: lively(9000),
    gmv: lively(40_000),
    orders: lively(120),
    comments: lively(300),
  },
  freezes: [[240, 330]],
};

describe('stale data', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('greys the stuck tile, then every tile of a frozen page, cues each state and nothing else', async () => {
    const panel = await harness.openPanel();
    const room = await harness.openRoom(scenario, { speed: 8 });
    const tile = (metric: string) => panel.locator(`[data-metric="${metric}"]`);

    // The viewer tile sticks at 100 s: within a minute of scenario time it is greyed, the others are not.
    await tile('viewers').and(panel.locator('[data-stale="stuck"]')).waitFor({ timeout: 30_000 });
    expect(await tile('entries').getAttribute('data-stale')).toBeNull();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await panel.setViewportSize({ width: 420, height: 900 });
    await panel.screenshot({ path: join(SCREENSHOT_DIR, 'panel-stale-tile.png') });
    await panel.locator('[data-rule-id="data-stale"]').first().waitFor({ timeout: 10_000 });
    // Once it moves again, it is live again.
    await expect.poll(() => tile('viewers').getAttribute('data-stale'), { timeout: 30_000 }).toBeNull();

    // The whole page freezes at 240 s: every tile greys as frozen.
    await expect
      .poll(
        async () =>
          new Set(
            await panel
              .locator('[data-metric]')
              .evaluateAll((els) => els.map((el) => el.getAttribute('data-stale'))),
          ),
        {
          timeout: 30_000,
        },
      )
      .toEqual(new Set(['frozen']));
    await panel.screenshot({ path: join(SCREENSHOT_DIR, 'panel-frozen-page.png') });
    await room.waitForFunction(() => window.mockRoom.state().sec >= 340, undefined, {
      timeout: 30_000,
      polling: PLAY_POLL_MS,
    });
    await expect.poll(() => tile('entries').getAttribute('data-stale'), { timeout: 30_000 }).toBeNull();

    const tables = await readStoredTables(panel);
    const session = tables.sessions[0]!;
    const inScenario = (cue: { firedAt: number }) => (cue.firedAt - Date.parse(scenario.startAt)) / 1000;
    const stale = tables.cues.filter((cue) => cue.ruleId === 'data-stale');
    expect(stale.map((cue) => cue.title)).toEqual(
      expect.arrayContaining(['cue.data-stale.titleFrozen', 'cue.data-stale.titlePage']),
    );
    const frozenCue = stale.find((cue) => cue.title === 'cue.data-stale.titlePage')!;
    expect(inScenario(frozenCue)).toBeGreaterThan(240);
    expect(inScenario(frozenCue)).toBeLessThanOrEqual(300);
    // No business cue was built on the frozen numbers.
    const during = tables.cues.filter(
      (cue) => cue.ruleId !== 'data-stale' && inScenario(cue) > 245 && inScenario(cue) <= 330,
    );
    expect(during.map((cue) => cue.ruleId)).toEqual([]);

    // Live equals replay, stale judgement included.
    const read = readRuns(exportFileOf(tables, session.id), 'exported');
    if (!read.ok) throw new Error(read.error);
    const project = (cues: { id: string; status: string }[]) => cues.map((c) => `${c.id} ${c.status}`).sort();
    expect(project(tables.cues)).toEqual(project(replayRun(read.runs[0]!)));
  });
});
