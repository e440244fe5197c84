import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/node/findChromium';
import { CHROMIUM_FLAGS } from '../../scripts/node/launchWithExtension';
import { type MockRoomServer, startMockRoomServer } from '../../scripts/node/mockRoomServer';
import { bundlePageScript } from '../../scripts/node/pageScript';
import { loadScenario } from './extensionHarness';

// The comment reader in a real Chromium on the mock room's comment feed (new comments on top, trimmed at
// the bottom): bundled as the content script will bundle it and started on the playing room, it must read
// every comment the room adds after it starts — once each, stamped with the room's scenario clock.
// (Wiring it into the content script and the room port is the lead's; this checks the reader itself.)

interface Seen {
  added: number;
  read: { user: string; text: string; ts: number }[];
}

describe('comment reader on the mock room', () => {
  let room: MockRoomServer;
  let browser: Browser;
  beforeAll(async () => {
    room = await startMockRoomServer(0);
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await room?.close();
  });

  it('reads every comment the room adds once, oldest first, on the scenario clock', async () => {
    const script =
      await bundlePageScript(`import { startCommentReader } from './lib/room/comments/commentReader';
          window.startTestReader = () => {
            const seen = { added: 0, read: [] };
            const feed = document.getElementById('comment-feed');
            new MutationObserver((records) => {
              for (const r of records) seen.added += [...r.addedNodes].filter((n) => n.nodeType === 1).length;
            }).observe(feed, { childList: true });
            const reader = startCommentReader(document, 'generic', (batch) => seen.read.push(...batch), {
              now: () => Number(document.documentElement.dataset.scenarioTime) || Date.now(),
            });
            window.peekTestReader = () => ({ added: seen.added, read: seen.read.length });
            window.stopTestReader = () => { reader.stop(); return seen; };
            return reader.status();
          };`);
    const page = await browser.newPage();
    await page.goto(room.url);
    await page.waitForFunction(() => typeof window.mockRoom?.play === 'function');
    await page.evaluate((s) => window.mockRoom.play(s, { speed: 20 }), loadScenario('demo'));
    await page.waitForFunction(() => (document.getElementById('comment-feed')?.children.length ?? 0) >= 2);
    await page.addScriptTag({ content: script });
    const status = await page.evaluate(() =>
      (window as unknown as { startTestReader(): unknown }).startTestReader(),
    );
    expect(status).toMatchObject({ found: true, read: 0 });

    await page.waitForTimeout(6_000);
    // The room stops adding; the reader then catches up with every comment it added (a busy machine delays
    // its last batch past the moment the room added the last one), and is stopped only then.
    await page.evaluate(() => window.mockRoom.stop());
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { peekTestReader(): unknown }).peekTestReader()))
      .toSatisfy(
        (peek) => (peek as { added: number; read: number }).read >= (peek as { added: number }).added,
      );
    const seen = (await page.evaluate(() =>
      (window as unknown as { stopTestReader(): unknown }).stopTestReader(),
    )) as Seen;

    expect(seen.added).toBeGreaterThan(10);
    expect(seen.read).toHaveLength(seen.added);
    for (const comment of seen.read) {
      // The demo's commenters: a nickname, often with a number, as the mock room writes them.
      expect(comment.user).toMatch(/^\S{1,64}$/);
      expect(comment.text.length).toBeGreaterThan(0);
    }
    const times = seen.read.map((c) => c.ts);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]!).toBeGreaterThan(Date.parse('2020-01-01'));
  });
});
