import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trafficDropParams } from '../../lib/core/engine/rules/trafficDrop';
import {
  type Harness,
  loadScenario,
  PLAY_POLL_MS,
  readStoredCues,
  readStoredSettings,
  readStoredTables,
  SCREENSHOT_DIR,
  sendCommandFrom,
  startHarness,
} from './extensionHarness';

// The faces in a real Chromium, driven as a user would: the panel in both modes and both languages,
// done / snooze / dismiss by button and by key, the in-page overlay, binding a metric with the picker,
// and the review page. Screenshots are kept in test-results/screenshots as artifacts.

const CJK = /[\u4e00-\u9fff]/;

describe('faces', () => {
  let harness: Harness;
  let panel: Page;
  let room: Page;
  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    harness = await startHarness();
    panel = await harness.openPanel();
    await panel.setViewportSize({ width: 420, height: 900 });
    // Cut a minute and a half after the drop at 600 s, while its cues (traffic drop, ad boost, product dwell)
    // stand: past its end the session's time moves with the wall clock, so they stay up for the tests below.
    // Cut at 800 s, only a cue of the last two minutes was still up, and how many samples a loaded machine
    // took at 40× decided whether one had fired then.
    const scenario = { ...loadScenario('evening-drop'), durationSec: 680, ended: false };
    room = await harness.openRoom(scenario, { speed: 40 });
    await panel.locator('[data-testid="current-cue"][data-cue-id]').first().waitFor({ timeout: 60_000 });
    await room.waitForFunction(() => !window.mockRoom.state().playing, undefined, {
      timeout: 60_000,
      polling: PLAY_POLL_MS,
    });
  }, 150_000);
  afterAll(async () => {
    await harness?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

  it('shows the operator view and the streamer view, in Chinese and in English', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(
        (await sendCommandFrom(panel, { type: 'settings.update', patch: { locale, mode: 'operator' } })).ok,
      ).toBe(true);
      await expect.poll(() => panel.locator('[data-metric]').count()).toBeGreaterThan(0);
      await expect
        .poll(async () =>
          CJK.test((await panel.locator('[data-testid="reader-health"]').textContent()) ?? ''),
        )
        .toBe(locale === 'zh-CN');
      await shot(panel, `panel-operator-${locale}`);

      await panel.locator('[data-testid="mode-toggle"]').click();
      await expect.poll(() => panel.locator('[data-metric]').count()).toBe(0);
      const current = panel.locator('[data-testid="current-cue"]');
      await expect.poll(() => current.isVisible()).toBe(true);
      // Readable at arm's length: the title is set in big type.
      const titleSize = await current.evaluate((el) => {
        const title = el.querySelector('h1, h2, .cue-title, [class*="title"]') ?? el;
        return Number.parseFloat(getComputedStyle(title).fontSize);
      });
      expect(titleSize).toBeGreaterThanOrEqual(32);
      await shot(panel, `panel-streamer-${locale}`);
      await panel.locator('[data-testid="mode-toggle"]').click();
      await expect.poll(() => panel.locator('[data-metric]').count()).toBeGreaterThan(0);
    }
  });

  it('marks cues done, snoozed and dismissed by button and by keyboard', async () => {
    const current = panel.locator('[data-testid="current-cue"][data-cue-id]');
    const currentId = async () =>
      (await current.count()) ? current.first().getAttribute('data-cue-id') : null;
    const statusOf = async (id: string) => (await readStoredCues(panel)).find((c) => c.id === id)?.status;

    const first = (await currentId())!;
    await panel.locator('[data-testid="cue-done"]').click();
    await expect.poll(() => statusOf(first)).toBe('done');

    const second = await currentId();
    if (second) {
      await panel.keyboard.press('s');
      await expect.poll(() => statusOf(second)).toBe('snoozed');
    }
    const third = await currentId();
    if (third) {
      await panel.keyboard.press('x');
      await expect.poll(() => statusOf(third)).toBe('dismissed');
    }
    const actions = (await readStoredTables(panel)).actions.filter((a) => a.type === 'cue');
    expect(actions.length).toBeGreaterThanOrEqual(1 + (second ? 1 : 0) + (third ? 1 : 0));
  });

  it('shows the in-page overlay on the room when switched on, in a closed shadow root', async () => {
    await room.bringToFront();
    const scenario = { ...loadScenario('thin-drop'), startAt: '2026-11-24T13:00:00Z' };
    await room.evaluate((s) => window.mockRoom.play(s, { speed: 10 }), scenario);
    await panel.locator('[data-testid="overlay-toggle"]').click();
    await room.locator('livecue-overlay').waitFor({ state: 'attached', timeout: 60_000 });
    // The page's own scripts cannot reach into the card.
    expect(
      await room.evaluate(() => document.querySelector('livecue-overlay')?.shadowRoot ?? null),
    ).toBeNull();
    // DevTools can: read the card through the protocol, which pierces closed roots.
    const cdp = await room.context().newCDPSession(room);
    const overlay = async () => {
      const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
      const host = findNode(root, (n) => n.nodeName === 'LIVECUE-OVERLAY');
      const shadow = host?.shadowRoots?.[0];
      const card =
        shadow &&
        findNode(
          shadow,
          (n) => attr(n, 'data-testid') === 'overlay-card' && attr(n, 'data-rule-id') !== undefined,
        );
      return { shadow, card };
    };
    await expect.poll(async () => (await overlay()).card !== undefined, { timeout: 60_000 }).toBe(true);
    const { shadow, card } = await overlay();
    expect(shadow?.shadowRootType).toBe('closed');
    expect(attr(card!, 'data-cue-id')).toBeTruthy();
    // Page text never becomes markup in the card.
    expect(findNode(shadow!, (n) => n.nodeName === 'IMG' || n.nodeName === 'SCRIPT')).toBeUndefined();
    await cdp.detach();
    await shot(room, 'overlay-on-mock-room');
    await panel.locator('[data-testid="overlay-toggle"]').click();
    await expect.poll(() => room.locator('livecue-overlay').count()).toBe(0);
  });

  it('binds a missing metric by pointing at it on the room page', async () => {
    await room.bringToFront();
    const pick = panel.locator('[data-testid="pick-likes"]');
    await pick.waitFor({ timeout: 20_000 });
    await pick.click();
    // The picker outlines what is under the cursor; a click on the orders value binds it to `likes`.
    const target = room.locator('.metricCard-k3j9m', { hasText: '成交订单数' }).locator('.data--p0q2w span');
    await target.hover();
    await target.click();
    await expect
      .poll(async () => {
        return JSON.stringify((await readStoredSettings(panel))?.bindings ?? null);
      })
      .toContain('likes');
    // Samples after the binding read `likes` from that element.
    await expect
      .poll(
        async () => {
          const { samples } = await readStoredTables(panel);
          return samples.some((s) => typeof s.metrics.likes === 'number');
        },
        { timeout: 30_000 },
      )
      .toBe(true);
  });

  it('opens the review page of the session with its chart and cues', async () => {
    const { sessions } = await readStoredTables(panel);
    const session = sessions.sort((a, b) => a.startedAt - b.startedAt)[0]!;
    const review = await harness.browser.context.newPage();
    await review.setViewportSize({ width: 1200, height: 900 });
    await review.goto(harness.browser.extensionUrl(`review.html?session=${encodeURIComponent(session.id)}`));
    await review.locator('[data-testid="review-chart"] canvas').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => review.locator('[data-cue-id]').count()).toBeGreaterThan(0);
    await review.locator('[data-testid="rule-effectiveness"]').waitFor();
    await shot(review, 'review-page');
  });

  it('edits a rule threshold on the settings page, refuses a bad value, and resets it', async () => {
    const options = await harness.browser.context.newPage();
    await options.setViewportSize({ width: 1100, height: 900 });
    await options.goto(harness.browser.extensionUrl('options.html'));
    const rule = options.locator('[data-testid="rule-traffic-drop"]');
    const dropPct = rule.locator('input[data-field="dropPct"]');
    await rule.locator('summary').click();
    await dropPct.waitFor();
    const storedDropPct = async () => {
      const settings = (await readStoredSettings(options)) as
        | { rules?: Record<string, { dropPct?: number }> }
        | undefined;
      return settings?.rules?.['traffic-drop']?.dropPct;
    };

    await dropPct.fill('500');
    await expect.poll(() => rule.locator('[data-error-for="dropPct"]').count()).toBe(1);
    expect(await rule.locator('[data-testid="save-traffic-drop"]').isDisabled()).toBe(true);

    await dropPct.fill('40');
    await rule.locator('[data-testid="save-traffic-drop"]').click();
    await expect.poll(storedDropPct).toBe(40);
    await shot(options, 'settings-page');

    await rule.locator('[data-testid="reset-traffic-drop"]').click();
    await expect.poll(storedDropPct).toBe(trafficDropParams().parse({}).dropPct);
  });
});

/** A node of CDP's DOM.getDocument answer. */
interface DomNode {
  nodeName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: (DomNode & { shadowRootType?: string })[];
}
const attr = (node: DomNode, name: string) => {
  const i = node.attributes?.indexOf(name) ?? -1;
  return i >= 0 && i % 2 === 0 ? node.attributes![i + 1] : undefined;
};
function findNode(node: DomNode, test: (n: DomNode) => boolean): DomNode | undefined {
  if (test(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return undefined;
}
