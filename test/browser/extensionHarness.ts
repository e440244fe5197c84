import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, launchWithExtension } from '../../scripts/node/launchWithExtension';
import { type MockRoomServer, PROJECT_ROOT, startMockRoomServer } from '../../scripts/node/mockRoomServer';

// What every browser test needs: the built e2e extension in a fresh Chromium profile, the mock room
// served on a free port, and small helpers to open the room and the side panel.

export interface Harness {
  browser: ExtensionBrowser;
  room: MockRoomServer;
  openRoom(scenario: unknown, options?: { speed?: number; layout?: string }): Promise<Page>;
  openPanel(): Promise<Page>;
  close(): Promise<void>;
}

export function loadScenario(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'test/scenarios', `${name}.json`), 'utf8'));
}

export async function startHarness(): Promise<Harness> {
  const room = await startMockRoomServer(0);
  const browser = await launchWithExtension({ headless: true });
  return {
    browser,
    room,
    async openRoom(scenario, options = {}) {
      const page = await browser.context.newPage();
      const query = options.layout ? `?layout=${options.layout}` : '';
      await page.goto(`${room.url}${query}`);
      await page.waitForFunction(() => typeof window.mockRoom?.play === 'function');
      await page.evaluate(([s, speed]) => window.mockRoom.play(s, { speed: speed as number }), [
        scenario,
        options.speed ?? 1,
      ] as const);
      return page;
    },
    async openPanel() {
      const page = await browser.context.newPage();
      await page.goto(browser.extensionUrl('sidepanel.html'));
      return page;
    },
    async close() {
      await browser.close();
      await room.close();
    },
  };
}
