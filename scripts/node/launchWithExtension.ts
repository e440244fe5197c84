import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { findChromium } from './findChromium';
import { PROJECT_ROOT } from './mockRoomServer';

// Launches Debian's Chromium with the built extension loaded, in a fresh profile, with the flags this
// machine needs (DEVELOPERS.md). Shared by `npm start`, the browser tests and the bench.

export const E2E_BUILD_DIR = join(PROJECT_ROOT, '.output/chrome-mv3-e2e');

const SOURCES = ['entrypoints', 'lib', 'components', 'public', 'wxt.config.ts', 'package-lock.json'];

/** The newest modification time of a file under `path` (ms), or 0 when there is none. */
function newestUnder(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestUnder(join(path, entry)));
  return newest;
}

/** Whether the build in `dir` exists and is newer than every source of the extension. */
export function buildIsCurrent(dir: string): boolean {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) return false;
  const builtAt = statSync(manifest).mtimeMs;
  return SOURCES.every((source) => newestUnder(join(PROJECT_ROOT, source)) <= builtAt);
}

/**
 * Builds the e2e extension when there is none, or when a source changed since it was built (the benches;
 * tests and `npm start` build it first): a bench of a stale build measures code that is gone.
 */
export function ensureE2eBuild(): void {
  if (buildIsCurrent(E2E_BUILD_DIR)) return;
  const built = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  if (built.status !== 0) throw new Error('The e2e build failed: run `npm run build:e2e` to see why');
}

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--no-default-browser-check',
  '--window-size=1280,860',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** chrome-extension://ID/PATH */
  extensionUrl(path: string): string;
  serviceWorker(): Promise<Worker>;
  /** Stops the extension's service worker the way Chrome does when it idles (CDP). */
  stopServiceWorker(): Promise<void>;
  /**
   * Clicks the extension's toolbar button on the tab showing `page`, as a user does (CDP
   * Extensions.triggerAction; needs `extensionDebugging`).
   */
  clickToolbarButton(page: Page): Promise<void>;
  userDataDir: string;
  close(): Promise<void>;
}

export async function launchWithExtension(
  options: {
    headless?: boolean;
    extensionDir?: string;
    userDataDir?: string;
    extraArgs?: string[];
    /** Lets CDP drive the extension's UI (the toolbar button): for tests only. */
    extensionDebugging?: boolean;
    /**
     * The caller handles Ctrl+C and SIGTERM and closes the browser itself (`npm start` takes its screenshot
     * first). By default Playwright closes the browser on those signals, before any handler of ours has run.
     */
    ownSignals?: boolean;
  } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? E2E_BUILD_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build:e2e\` first.`);
  }
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'livecue-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    viewport: null,
    // The browser runs in its own process group (Playwright spawns it detached), so a terminal's Ctrl+C
    // reaches only this process; with ownSignals nothing closes the browser before the caller's handler.
    ...(options.ownSignals && { handleSIGINT: false, handleSIGTERM: false }),
    args: [
      ...CHROMIUM_FLAGS,
      ...(options.extensionDebugging ? ['--enable-unsafe-extension-debugging'] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(options.extraArgs ?? []),
    ],
  });
  const firstWorker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(firstWorker.url()).host;

  const serviceWorker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().includes(extensionId));
    if (live) return live;
    // A stopped worker starts again on the next extension event; opening an extension page wakes it.
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/sessions.html`);
    const worker =
      context.serviceWorkers().find((w) => w.url().includes(extensionId)) ??
      (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    await page.close();
    return worker;
  };

  let cdpPage: Page | undefined;
  return {
    context,
    extensionId,
    userDataDir,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    serviceWorker,
    async stopServiceWorker() {
      cdpPage ??= context.pages()[0] ?? (await context.newPage());
      const session = await context.newCDPSession(cdpPage);
      // Resolves when CDP reports our worker stopped, so a test knows the kill really happened.
      const stopped = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('The service worker did not stop')), 10_000);
        session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          const ours = versions.filter((v) => v.scriptURL.includes(extensionId));
          if (ours.length && ours.every((v) => v.runningStatus === 'stopped')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      await session.send('ServiceWorker.enable');
      await session.send('ServiceWorker.stopAllWorkers');
      await stopped;
      await session.detach();
    },
    async clickToolbarButton(page) {
      const browser = context.browser();
      if (!browser) throw new Error('No browser-level CDP session to click the toolbar button with');
      const session = await browser.newBrowserCDPSession();
      try {
        // The action runs on a tab target (not the page target inside it); the test's page URL names it.
        const { targetInfos } = await session.send('Target.getTargets', { filter: [{ type: 'tab' }] });
        const tab = targetInfos.find((target) => target.url === page.url());
        if (!tab) throw new Error(`No tab shows ${page.url()}`);
        await session.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
      } finally {
        await session.detach();
      }
    },
    async close() {
      await context.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
