import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpsFixtureServer, startHttpsFixtureServer } from '../../scripts/node/httpsFixtureServer';
import { type ExtensionBrowser, launchWithExtension } from '../../scripts/node/launchWithExtension';
import { readStoredTables, sendCommandFrom, sizedForABusyMachine } from './extensionHarness';

// Any dashboard, on request: a brand's own live screen at https://live.brand-shop.example/room/… is no
// platform Livecue knows. The operator enables it from the settings page; the built extension asks for that
// one origin, registers its content script for it, reads the page by its labels, lists the site, and on
// removal takes back both the registration and the permission.
//
// The browser's "Allow" prompt is native UI no test driver can click: the test grants the origin the way
// chrome://extensions' "site access" does (developerPrivate.addHostPermission), so the page's
// permissions.request then resolves at once and everything after it runs for real.

const ROOM = 'https://live.brand-shop.example/room/88';
const ORIGIN = 'https://live.brand-shop.example';

describe('enabling Livecue on a site it does not know', () => {
  let server: HttpsFixtureServer;
  let browser: ExtensionBrowser;
  let options: Page;
  let room: Page;

  const sessionsOf = async () =>
    (await readStoredTables(options)).sessions.filter((s) => s.roomKey.startsWith('live.brand-shop.example'));
  const registered = () =>
    options.evaluate(async () =>
      (
        await (
          globalThis as unknown as {
            chrome: {
              scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches: string[] }[]> };
            };
          }
        ).chrome.scripting.getRegisteredContentScripts()
      ).map((s) => s.matches.join()),
    );
  const granted = () =>
    options.evaluate(
      (pattern) =>
        (
          globalThis as unknown as { chrome: { permissions: { contains(p: object): Promise<boolean> } } }
        ).chrome.permissions.contains({ origins: [pattern] }),
      `${ORIGIN}/*`,
    );

  beforeAll(async () => {
    server = await startHttpsFixtureServer({ 'live.brand-shop.example/room/88': 'unseen-label-above.html' });
    browser = await launchWithExtension({ extraArgs: server.chromiumArgs });
    sizedForABusyMachine(browser.context);
    options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('does not read the site before it is enabled', async () => {
    room = await browser.context.newPage();
    await room.goto(ROOM);
    await room.waitForTimeout(1500);
    expect(await sessionsOf()).toHaveLength(0);
  });

  it('enables it from the settings page: registered and listed', async () => {
    const extensions = await browser.context.newPage();
    await extensions.goto('chrome://extensions/');
    await extensions.evaluate(
      ([id, pattern]) =>
        (
          globalThis as unknown as {
            chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } };
          }
        ).chrome.developerPrivate.addHostPermission(id!, pattern!),
      [browser.extensionId, `${ORIGIN}/*`],
    );
    await extensions.close();

    await options.locator('[data-testid="site-address"]').fill(`${ROOM}?from=address-bar`);
    await options.locator('[data-testid="site-enable"]').click();
    const outcome = options.locator('[data-testid="site-outcome"]');
    await outcome.waitFor({ timeout: 15_000 });
    expect(`${await outcome.getAttribute('data-outcome')}: ${await outcome.textContent()}`).toMatch(
      /^enabled: /,
    );
    expect(await registered()).toContain(`${ORIGIN}/*`);
    await expect
      .poll(() => options.locator(`[data-site-origin="${ORIGIN}"]`).count(), { timeout: 10_000 })
      .toBe(1);
  });

  it('starts at once in the open tab it is enabled for, and reads the page by its labels', async () => {
    // The tab the operator is on, as the side panel finds it (its URL shows once the site is allowed).
    const tabId = await options.evaluate(async (origin) => {
      const tabs = await (
        globalThis as unknown as {
          chrome: { tabs: { query(q: object): Promise<{ id: number; url?: string }[]> } };
        }
      ).chrome.tabs.query({});
      return tabs.find((t) => t.url?.startsWith(origin))?.id;
    }, ORIGIN);
    expect(tabId).toBeTypeOf('number');
    const result = await sendCommandFrom(options, { type: 'site.enable', origin: ORIGIN, tabId });
    expect(result).toMatchObject({ ok: true, data: { started: true } });
    await expect.poll(async () => (await sessionsOf()).length, { timeout: 20_000 }).toBe(1);
    const session = (await sessionsOf())[0]!;
    expect(session.site).toBe('generic');
    await expect
      .poll(
        async () =>
          (await readStoredTables(options)).samples
            .filter((s) => s.sessionId === session.id)
            .sort((a, b) => a.ts - b.ts)
            .at(-1)?.metrics,
        { timeout: 10_000 },
      )
      .toEqual({ viewers: 3210, newFollowers: 56, gmv: 20800, buyers: 412, avgWatchSec: 65 });
  });

  it('reads it again after a reload, from the registered script', async () => {
    const before = (await readStoredTables(options)).samples.length;
    await room.reload();
    await expect
      .poll(async () => (await readStoredTables(options)).samples.length, { timeout: 15_000 })
      .toBeGreaterThan(before);
    await room.close();
  });

  it('removes it from the settings page: the registration and the permission both go', async () => {
    await options.reload();
    await options.locator(`[data-testid="site-remove-${ORIGIN}"]`).click();
    await expect
      .poll(() => options.locator(`[data-site-origin="${ORIGIN}"]`).count(), { timeout: 10_000 })
      .toBe(0);
    expect(await registered()).not.toContain(`${ORIGIN}/*`);
    expect(await granted()).toBe(false);

    const count = (await readStoredTables(options)).samples.length;
    const room = await browser.context.newPage();
    await room.goto(`${ROOM}?after=removal`);
    await room.waitForTimeout(2000);
    expect((await readStoredTables(options)).samples.length).toBe(count);
  });
});
