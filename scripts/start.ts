import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { Cue } from '../lib/core/engine/types';
import { renderCueText } from '../lib/core/format/renderCue';
import { SHORTCUTS } from '../lib/core/shortcuts/shortcutCommands';
import { ensureChromiumOrExit } from './node/findChromium';
import { launchWithExtension } from './node/launchWithExtension';
import { PROJECT_ROOT, startMockRoomServer } from './node/mockRoomServer';

// `npm start`: the demo. Builds the e2e extension, serves the mock room playing a scenario, opens
// Chromium with the extension, the room and the side panel (the real one, opened by clicking the toolbar
// button over CDP; a narrow window if that fails). With no display it runs headless with the panel in a
// tab, prints each cue as it fires and saves a screenshot of the panel when stopped.

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: process.env.SCENARIO ?? 'demo' },
    speed: { type: 'string', default: process.env.SPEED ?? '1' },
    seconds: { type: 'string' },
    headless: { type: 'boolean' },
    'no-build': { type: 'boolean' },
  },
});

// Installs Debian's chromium when none is found and this machine allows it; else one line says how.
ensureChromiumOrExit();

if (!values['no-build']) {
  console.log('Building the extension (wxt build --mode e2e)…');
  const build = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const headless = values.headless ?? !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const room = await startMockRoomServer(Number(process.env.PORT ?? 5178));
// Ctrl+C is ours (stop() below): the panel's screenshot is taken before the browser closes.
const browser = await launchWithExtension({ headless, extensionDebugging: !headless, ownSignals: true });
const roomUrl = `${room.url}?scenario=${encodeURIComponent(values.scenario)}&speed=${encodeURIComponent(values.speed)}`;

const roomPage = browser.context.pages()[0] ?? (await browser.context.newPage());
await roomPage.goto(roomUrl);
// The panel as a page of ours to screenshot (headless), or undefined when it is Chrome's real side panel.
const panel = headless ? await openPanelTab() : await openRealSidePanel();
await roomPage.bringToFront();

/** With a display: the toolbar button, clicked as a user would, opens the real side panel beside the room. */
async function openRealSidePanel(): Promise<Page | undefined> {
  const opened = await browser
    .clickToolbarButton(roomPage)
    .then(async () => {
      for (let tries = 0; tries < 50; tries++) {
        const contexts = await (await browser.serviceWorker()).evaluate(() =>
          (
            globalThis as unknown as { chrome: { runtime: { getContexts(o: object): Promise<unknown[]> } } }
          ).chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] }),
        );
        if (contexts.length) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return false;
    })
    .catch(() => false);
  return opened ? undefined : openPanelWindow();
}

/** Headless: the panel is a tab of its own, screenshotted at panel size. */
async function openPanelTab(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 420, height: 860 });
  await page.goto(browser.extensionUrl('sidepanel.html'));
  return page;
}

/** With a display: a narrow window beside the room, as close to the real side panel as a script can open. */
async function openPanelWindow(): Promise<Page> {
  const opener = await browser.context.newPage();
  await opener.goto(browser.extensionUrl('sidepanel.html'));
  const opened = browser.context.waitForEvent('page', { timeout: 10_000 }).catch(() => undefined);
  const created = await opener
    .evaluate(
      // Created, then sized: the launcher's --window-size flag overrides the size given at creation.
      `(async () => {
        const bounds = { width: 440, height: Math.min(900, screen.availHeight), left: Math.max(0, screen.availWidth - 440), top: 0 };
        const win = await chrome.windows.create({ url: 'sidepanel.html', type: 'popup', ...bounds });
        await chrome.windows.update(win.id, bounds);
      })()`,
    )
    .then(
      () => true,
      () => false,
    );
  const page = created ? await opened : undefined;
  if (!page) {
    // No window (a screen too small, say): the panel stays a tab beside the room.
    await opener.setViewportSize({ width: 420, height: 860 });
    return opener;
  }
  await opener.close();
  return page;
}

console.log(`Mock room:   ${roomUrl}`);
console.log(
  `Side panel:  ${browser.extensionUrl('sidepanel.html')} (${headless ? 'headless' : 'open beside the room'})`,
);
const SHORTCUT_WORDS = {
  'cue-done': 'done',
  'cue-snooze': 'later',
  'cue-dismiss': 'dismiss',
  _execute_action: 'side panel',
};
console.log(
  `Shortcuts:   ${SHORTCUTS.map(({ command, suggestedKey }) => `${suggestedKey} ${SHORTCUT_WORDS[command]}`).join(' · ')} (any tab)`,
);
console.log('Cues print here as they fire. Ctrl+C stops.');

const seen = new Set<string>();
/** A page or the worker: both run a function in the extension's origin. */
type Evaluator = { evaluate<R>(fn: () => Promise<R>): Promise<R> };

const printNewCues = async (page: Evaluator) => {
  const cues = await readCues(page).catch(() => [] as Cue[]);
  for (const cue of cues) {
    if (seen.has(cue.id)) continue;
    seen.add(cue.id);
    const { title, detail } = renderCueText(cue, 'zh-CN');
    const clock = new Date(cue.firedAt).toISOString().slice(11, 19);
    console.log(
      `[${clock}] ${cue.severity.toUpperCase().padEnd(6)} ${cue.ruleId.padEnd(16)} ${title} — ${detail}`,
    );
  }
};
// Cues are read from the database through the panel page, or through the worker when the panel is Chrome's.
const poll = setInterval(async () => void printNewCues(panel ?? (await browser.serviceWorker())), 1000);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  clearInterval(poll);
  const dir = join(PROJECT_ROOT, 'test-results');
  mkdirSync(dir, { recursive: true });
  const shot = join(dir, 'start-panel.png');
  await (panel
    ? panel.screenshot({ path: shot })
    : Promise.reject(new Error('the panel is Chrome’s own'))
  ).then(
    () => console.log(`Saved a screenshot of the side panel: ${shot}`),
    (error: unknown) => console.error(`No screenshot: ${String(error)}`),
  );
  await browser.close().catch(() => {});
  await room.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
browser.context.on('close', () => void stop());
if (values.seconds) setTimeout(() => void stop(), Number(values.seconds) * 1000);

/** Reads the cues straight from the extension's IndexedDB through an extension page or the worker (read-only). */
function readCues(page: Evaluator): Promise<Cue[]> {
  return page.evaluate(async () => {
    // Opening a database that does not exist yet would create it; leave that to the background.
    if (!(await indexedDB.databases()).some((d) => d.name === 'livecue')) return [];
    return new Promise<Cue[]>((resolve, reject) => {
      const open = indexedDB.open('livecue');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('cues')) return resolve([]);
        const request = db.transaction('cues').objectStore('cues').getAll();
        request.onsuccess = () => {
          db.close();
          resolve((request.result as Cue[]).sort((a, b) => a.firedAt - b.firedAt));
        };
        request.onerror = () => reject(request.error);
      };
    });
  });
}
