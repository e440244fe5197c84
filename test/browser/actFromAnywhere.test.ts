import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCue } from '../../lib/core/cues/cueOrder';
import { SESSIONS_PAGE } from '../../lib/core/extensionPages';
import type { CueRow } from '../../lib/store/rows';
import { swingScenario } from '../../scripts/bench/latency';
import {
  type Harness,
  loadScenario,
  readStoredCues,
  readStoredSettings,
  readStoredTables,
  startHarness,
} from './extensionHarness';

// Acting without leaving the dashboard, in the built extension: the toolbar button opens the real side
// panel; its badge counts the waiting cues in the colour of the most severe; an urgent cue becomes a system
// notification while the panel is closed (and not while it is open); the keyboard shortcuts act on the
// cue the panel shows as current. Headless Chromium cannot press a browser-wide shortcut, so the test
// calls the worker's own onCommand listener (the e2e build exposes it) — the code a key press runs.

const URGENT_RED = [197, 34, 31, 255];
/** Each scenario here is quiet until its first swing at 1:00: 30× up to 0:50, then 10×. */
const FAST_OPENING = { speed: 30, speedChanges: [{ atSec: 50, speed: 10 }] };

interface WorkerView {
  badge: string;
  colour: number[];
  title: string;
  notifications: string[];
  contexts: string[];
  announced: string[];
}

async function workerView(worker: Worker): Promise<WorkerView> {
  return worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: typeof browser }).chrome;
    return {
      badge: await c.action.getBadgeText({}),
      colour: (await c.action.getBadgeBackgroundColor({})) as number[],
      title: await c.action.getTitle({}),
      notifications: Object.keys(await c.notifications.getAll()),
      contexts: (await c.runtime.getContexts({})).map((context) => context.contextType as string),
      announced: ((await c.storage.session.get('livecue.announcedCues'))['livecue.announcedCues'] ??
        []) as string[],
    };
  });
}

/** Active, unexpired cues of open sessions, as the badge counts them; and the current one, as the panel picks it. */
async function waitingCues(page: Page): Promise<{ active: CueRow[]; current: CueRow | null }> {
  const tables = await readStoredTables(page);
  const open = tables.sessions.filter((session) => session.endedAt === undefined);
  const wall = Date.now();
  const active = open.flatMap((session) =>
    tables.cues.filter(
      (cue) =>
        cue.sessionId === session.id &&
        cue.status === 'active' &&
        cue.expiresAt > wall - (session.clockOffsetMs ?? 0),
    ),
  );
  const latest = [...open].sort((a, b) => b.lastSampleAt - a.lastSampleAt)[0];
  const current = latest
    ? currentCue(
        tables.cues.filter((cue) => cue.sessionId === latest.id),
        wall - (latest.clockOffsetMs ?? 0),
      )
    : null;
  return { active, current };
}

describe('acting from anywhere', () => {
  let harness: Harness;
  let room: Page;
  let reader: Page;
  const worker = () => harness.browser.serviceWorker();

  beforeAll(async () => {
    harness = await startHarness();
    // An extension page to read the database from; it is not the panel.
    reader = await harness.browser.context.newPage();
    await reader.goto(harness.browser.extensionUrl('options.html'));
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('shows the shortcuts on the settings page and turns urgent notifications on there', async () => {
    const options = reader;
    const done = options.locator('[data-testid="shortcut-cue-done"]');
    await expect.poll(() => done.textContent()).toBe('Alt+Shift+D');
    expect(await options.locator('[data-testid="shortcut-_execute_action"]').textContent()).toBe(
      'Alt+Shift+L',
    );
    expect(await options.locator('[data-testid="change-shortcuts"]').isVisible()).toBe(true);

    const checkbox = options.locator('[data-testid="notify-urgent-checkbox"]');
    expect(await checkbox.isChecked()).toBe(false);
    await checkbox.click();
    await expect.poll(async () => (await readStoredSettings(options))?.notifyUrgent).toBe(true);
    expect(await checkbox.isChecked()).toBe(true);
  });

  it('holds back the notification while the side panel is open, and badges the urgent cue', async () => {
    const panel = await harness.openPanel();
    // The room stays live after the scenario (no end-of-live), so the next one continues in it. Each play
    // runs its quiet opening at 30× and the minutes with cues from 0:50 at 10×, so a cue lives long enough in
    // wall time to be acted on by a busy machine.
    room = await harness.openRoom({ ...loadScenario('thin-drop'), ended: false }, FAST_OPENING);
    // The whole path (mock room → content script → port → background → side panel): the sharp viewer
    // drop surfaces as a traffic-drop cue in the panel, beside the room's tiles.
    const drop = panel.locator('[data-rule-id="traffic-drop"][data-cue-id]').first();
    await drop.waitFor({ state: 'visible', timeout: 60_000 });
    const cueId = (await drop.getAttribute('data-cue-id'))!;
    expect(cueId).toMatch(/:traffic-drop:\d+$/);
    await expect.poll(() => panel.locator('[data-metric="viewers"]').count()).toBeGreaterThan(0);

    // The notifier remembers a cue once it has judged it; only then is "no notification" an answer.
    await expect
      .poll(async () => (await workerView(await worker())).announced.some((key) => key.startsWith(cueId)), {
        timeout: 20_000,
      })
      .toBe(true);
    const view = await workerView(await worker());
    expect(view.notifications).not.toContain(`livecue-cue:${cueId}`);

    // The room still plays: compare the badge with the database until both have settled on the same cues.
    await expect
      .poll(async () => {
        const [{ active }, { badge, colour }] = await Promise.all([
          waitingCues(reader),
          workerView(await worker()),
        ]);
        return { counted: badge === String(active.length), red: colour.join() === URGENT_RED.join() };
      })
      .toEqual({ counted: true, red: true });
    expect((await workerView(await worker())).title).toMatch(/urgent/);
    // What this test checks is seen; the rest of the play (its last minutes, at 10×) is stopped, not played
    // out: the next test starts a new play in the same room either way.
    await room.evaluate(() => window.mockRoom.stop());
    await panel.close();
  }, 120_000);

  it('notifies an urgent cue while the side panel is closed, and a shortcut acts on the current cue', async () => {
    // The same room goes live again later: a new session and a new drop, with no panel open.
    await room.evaluate(([s, speed]) => window.mockRoom.play(s, speed), [
      { ...loadScenario('thin-drop'), startAt: '2026-11-24T14:00:00Z' },
      FAST_OPENING,
    ] as const);
    let urgent: CueRow | undefined;
    await expect
      .poll(
        async () => {
          urgent = (await waitingCues(reader)).active.find(
            (cue) => cue.severity === 'urgent' && cue.firedAt > Date.parse('2026-11-24T14:00:00Z'),
          );
          return urgent?.id;
        },
        { timeout: 60_000 },
      )
      .toBeTruthy();
    const id = `livecue-cue:${urgent!.id}`;
    await expect
      .poll(async () => (await workerView(await worker())).notifications, { timeout: 20_000 })
      .toContain(id);

    // The shortcut acts on the cue the panel would show large, through the panel's own command path.
    const { current } = await waitingCues(reader);
    expect(current).not.toBeNull();
    const outcome = await (await worker()).evaluate(
      (command) => globalThis.livecueShortcut!(command),
      'cue-done',
    );
    expect(outcome).toMatchObject({ command: 'cue-done', cueId: current!.id, result: { ok: true } });
    await expect
      .poll(async () => (await readStoredCues(reader)).find((cue) => cue.id === current!.id)?.status)
      .toBe('done');
    const stored = (await readStoredTables(reader)).actions.filter(
      (action) => action.type === 'cue' && action.cueId === current!.id,
    );
    expect(stored).toMatchObject([{ action: 'done' }]);

    // Acted on, so its notification goes, and the badge counts what still waits.
    expect(current!.id).toBe(urgent!.id);
    await expect.poll(async () => (await workerView(await worker())).notifications).not.toContain(id);
    await expect
      .poll(async () => (await workerView(await worker())).badge)
      .toBe(String((await waitingCues(reader)).active.length || ''));
  }, 120_000);

  it('snoozes and dismisses by shortcut, and does nothing when no cue waits', async () => {
    // Drops and recoveries every 90 s: one cue after another to act on.
    await room.evaluate(([s, speed]) => window.mockRoom.play(s, speed), [
      { ...swingScenario(400), startAt: '2026-11-24T16:00:00Z' },
      FAST_OPENING,
    ] as const);
    const since = Date.parse('2026-11-24T16:00:00Z');
    for (const [command, status] of [
      ['cue-snooze', 'snoozed'],
      ['cue-dismiss', 'dismissed'],
    ] as const) {
      let current: CueRow | null = null;
      await expect
        .poll(
          async () => {
            current = (await waitingCues(reader)).current;
            return current !== null && current.firedAt >= since;
          },
          { timeout: 60_000 },
        )
        .toBe(true);
      const read = current! as CueRow;
      const outcome = await (await worker()).evaluate((c) => globalThis.livecueShortcut!(c), command);
      expect(outcome).toMatchObject({ result: { ok: true } });
      // The room plays on: a cue that fired after the read above may be the current one by the time the
      // shortcut lands (a busy machine stretches that gap), and the shortcut acts on what is current then.
      const target = outcome?.cueId ?? read.id;
      await expect
        .poll(async () => (await readStoredCues(reader)).find((cue) => cue.id === target)?.status)
        .toBe(status);
      if (target !== read.id) {
        const acted = (await readStoredCues(reader)).find((cue) => cue.id === target)!;
        expect(acted.firedAt).toBeGreaterThanOrEqual(read.firedAt);
      }
    }
    // The room stops, as at the end of its play (25 wall seconds sooner): no new cue from here on.
    await room.evaluate(() => window.mockRoom.stop());

    // Clear whatever still waits; then a shortcut has nothing to act on and changes nothing.
    for (let left = (await waitingCues(reader)).current; left; left = (await waitingCues(reader)).current) {
      const target = left.id;
      await (await worker()).evaluate((c) => globalThis.livecueShortcut!(c), 'cue-dismiss');
      await expect
        .poll(async () => (await readStoredCues(reader)).find((cue) => cue.id === target)?.status)
        .toBe('dismissed');
    }
    const before = (await readStoredTables(reader)).actions.filter((action) => action.type === 'cue').length;
    const idle = await (await worker()).evaluate((c) => globalThis.livecueShortcut!(c), 'cue-done');
    expect(idle).toMatchObject({ cueId: null });
    expect((await readStoredTables(reader)).actions.filter((action) => action.type === 'cue')).toHaveLength(
      before,
    );
    await expect.poll(async () => (await workerView(await worker())).badge).toBe('');
  }, 120_000);

  it('opens the real side panel from the toolbar button', async () => {
    expect((await workerView(await worker())).contexts).not.toContain('SIDE_PANEL');
    await harness.browser.clickToolbarButton(room);
    await expect
      .poll(async () => (await workerView(await worker())).contexts, { timeout: 20_000 })
      .toContain('SIDE_PANEL');
    // No popup stands in the way: the session history is its own page, reached from the panel's link and
    // from the button's right-click menu (updating an item that does not exist would fail).
    const manifest = await (await worker()).evaluate(() =>
      (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.getManifest(),
    );
    expect(manifest.action?.default_popup).toBeUndefined();
    await (await worker()).evaluate(() =>
      (globalThis as unknown as { chrome: typeof browser }).chrome.contextMenus.update(
        'livecue-sessions',
        {},
      ),
    );
    const panel = await harness.openPanel();
    const opened = harness.browser.context.waitForEvent('page');
    await panel.locator('[data-testid="link-sessions"]').first().click();
    const sessions = await opened;
    await sessions.locator('[data-testid="sessions-page"]').waitFor();
    // The button's menu opens the same page (lib/worker/setupActionMenu.ts).
    expect(new URL(sessions.url()).pathname).toBe(SESSIONS_PAGE);
    await expect.poll(() => sessions.locator('[data-testid="session-row"]').count()).toBeGreaterThan(0);
  });
});
