import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, loadScenario, readStoredTables, startHarness } from './extensionHarness';

// The same room open in two tabs: one tab feeds its session, the other's readings are refused and the
// panel says the room is open twice; when the feeding tab closes, the other takes over the same session,
// until the operator ends it from the panel.

describe('one room open in two tabs', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('feeds the session from one tab, names the duplicate in the panel, hands over on close, ends by hand', async () => {
    const panel = await harness.openPanel();
    const base: Record<string, unknown> = { ...loadScenario('thin-drop'), durationSec: 900, ended: false };
    const first = await harness.openRoom(base, { speed: 4 });
    await expect
      .poll(async () => (await readStoredTables(panel)).samples.length, { timeout: 30_000 })
      .toBeGreaterThan(3);

    // The second tab shows other numbers, later on the scenario clock, so its readings are told apart.
    const busy = {
      ...base,
      startAt: '2026-11-24T12:20:00Z',
      metrics: {
        ...(base.metrics as object),
        viewers: {
          points: [
            [0, 9000],
            [900, 9000],
          ],
        },
      },
    };
    const second = await harness.openRoom(busy, { speed: 4 });
    const notice = panel.locator('[data-testid="duplicate-tab-notice"]');
    await notice.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/2 tabs/);
    await second.waitForTimeout(3000);
    let tables = await readStoredTables(panel);
    expect(tables.sessions).toHaveLength(1);
    expect(tables.samples.filter((s) => (s.metrics.viewers ?? 0) > 5000)).toEqual([]);

    await first.close();
    await expect
      .poll(
        async () => {
          tables = await readStoredTables(panel);
          return tables.samples.filter((s) => (s.metrics.viewers ?? 0) > 5000).length;
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(2);
    expect(tables.sessions).toHaveLength(1);
    await notice.waitFor({ state: 'detached', timeout: 30_000 });

    // The operator ends the session from the panel; the room's next reading starts a new one.
    await panel.locator('[data-testid="end-session-start"]').click();
    await panel.locator('[data-testid="end-session-confirm"]').click();
    await expect
      .poll(async () => (await readStoredTables(panel)).sessions.map((s) => s.endReason ?? 'open'), {
        timeout: 30_000,
      })
      .toEqual(['operator', 'open']);
  });
});
