import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile } from '../../scripts/node/cueLatency';
import { measurePanelFirstRender } from '../../scripts/node/panelFirstRender';
import { type Harness, loadScenario, PLAY_POLL_MS, readStoredTables, startHarness } from './extensionHarness';

// A page reload mid-session resumes the same session; the panel renders on open (the figure is printed —
// its budget (DESIGN.md §6) lives in `npm run bench`, since no test asserts wall-clock time). That every cue
// reaches the panel after the page change that caused it is cueLatency.test.ts: its room plays for minutes,
// so it runs beside this file instead of after it.

describe('page reload and first render', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('keeps one session across a reload of the room page', async () => {
    const reader = await harness.openReader();
    const scenario = { ...loadScenario('evening-drop'), durationSec: 400, ended: false } as Record<
      string,
      unknown
    >;
    const room = await harness.openRoom(scenario, { speed: 40 });
    await expect
      .poll(async () => (await readStoredTables(reader)).samples.length, { timeout: 20_000 })
      .toBeGreaterThan(20);

    // The reloaded page picks the scenario up later on its clock, as a real dashboard resumes.
    const resumeAt = await room.evaluate(() => window.mockRoom.state().sec + 5);
    await room.reload();
    await room.waitForFunction(() => typeof window.mockRoom?.play === 'function');
    const later = {
      ...scenario,
      startAt: new Date(Date.parse(scenario.startAt as string) + resumeAt * 1000).toISOString(),
    };
    await room.evaluate((s) => window.mockRoom.play(s, { speed: 40 }), later);
    await room.waitForFunction(() => !window.mockRoom.state().playing, undefined, {
      timeout: 60_000,
      polling: PLAY_POLL_MS,
    });

    const tables = await readStoredTables(reader);
    expect(tables.sessions).toHaveLength(1);
    const last = Math.max(...tables.samples.map((s) => s.ts));
    expect(last - tables.sessions[0]!.startedAt).toBeGreaterThan(400_000);
    await room.close();
  });

  it('renders the side panel on every open, live session or not (prints the first-render time)', async () => {
    const times = await measurePanelFirstRender(
      harness.browser.context,
      harness.browser.extensionUrl('sidepanel.html'),
      7,
    );
    console.log(
      `panel first render: median ${percentile(times, 50).toFixed(0)} ms; all: ${times.map((t) => t.toFixed(0)).join(' ')}`,
    );
    expect(times).toHaveLength(7);
    for (const time of times) expect(Number.isFinite(time)).toBe(true);
  });
});
