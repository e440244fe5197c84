import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, loadScenario, startHarness } from './extensionHarness';

// The whole path in a real Chromium: mock room → content script → port → background (zod, Dexie, engine)
// → side panel. A sharp viewer drop must surface as a traffic-drop cue in the panel.

describe('thin path', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('shows a traffic-drop cue in the side panel when viewers fall sharply', async () => {
    const panel = await harness.openPanel();
    await harness.openRoom(loadScenario('thin-drop'), { speed: 10 });

    const cue = panel.locator('[data-rule-id="traffic-drop"][data-cue-id]').first();
    await cue.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await cue.getAttribute('data-cue-id')).toMatch(/:traffic-drop:\d+$/);
    await expect.poll(() => panel.locator('[data-metric="viewers"]').count()).toBeGreaterThan(0);
  });
});
