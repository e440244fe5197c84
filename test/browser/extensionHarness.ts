import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { EXPORT_SCHEMA_VERSION } from '../../lib/store/exportSchema';
import type { ActionRow, CommentRow, CueRow, SampleRow, SessionRow } from '../../lib/store/rows';
import {
  buildIsCurrent,
  type ExtensionBrowser,
  launchWithExtension,
} from '../../scripts/node/launchWithExtension';
import { type MockRoomServer, PROJECT_ROOT, startMockRoomServer } from '../../scripts/node/mockRoomServer';

// What every browser test needs: the built e2e extension in a fresh Chromium profile, the mock room
// served on a free port, and small helpers to open the room and the side panel.

export interface Harness {
  browser: ExtensionBrowser;
  room: MockRoomServer;
  openRoom(
    scenario: unknown,
    options?: {
      speed?: number;
      speedChanges?: { atSec: number; speed: number }[];
      /** The scenario second play starts at (the mock room's `fromSec`). */
      fromSec?: number;
      layout?: string;
    },
  ): Promise<Page>;
  openPanel(): Promise<Page>;
  /**
   * An extension page to read the database from (readStoredTables) where the test does not look at the side
   * panel: the settings page, which reads only the settings. An open panel renders and re-queries on every
   * sample the room plays (a third of the extension's CPU per sample), work such a test never checks.
   */
  openReader(): Promise<Page>;
  close(): Promise<void>;
}

/** Beside a build folder while scripts/test.ts builds into it (`.output/chrome-mv3.building`). */
export const BUILDING_SUFFIX = '.building';

/**
 * Builds the production extension (`wxt build`) unless the one in `dir` is newer than every source: the
 * tests of the production build check the current code. `npm test` builds it itself, beside the first
 * browser files, so a browser file does not spend its time (and a worker) building; the build runs
 * without blocking the worker's event loop when a file run alone needs it.
 */
export async function ensureFreshProductionBuild(dir: string): Promise<void> {
  // `npm test` builds it beside the first browser files and marks the build as under way: wait for it.
  while (existsSync(`${dir}${BUILDING_SUFFIX}`)) await new Promise((resolve) => setTimeout(resolve, 250));
  if (buildIsCurrent(dir)) return;
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('npx', ['wxt', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
    child.on('close', resolve);
    child.on('error', () => resolve(null));
  });
  if (code !== 0) throw new Error('The production build failed: run `npm run build` to see why');
}

/**
 * How often a wait on the room's play state (`room.waitForFunction(…, { polling: PLAY_POLL_MS })`) looks:
 * Playwright's default polls on every animation frame, which keeps the page drawing 60 frames a second for
 * the whole wait (a minute of it is a few seconds of CPU, taken from the other browser files).
 */
export const PLAY_POLL_MS = 250;

export function loadScenario(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'test/scenarios', `${name}.json`), 'utf8'));
}

/**
 * Playwright's waits without their own timeout (a page load, a locator's action) sized for a machine whose
 * other core is busy: a page load there can pass playwright's default 30 s. A hang guard, never a budget.
 */
export function sizedForABusyMachine(context: BrowserContext): void {
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(90_000);
}

let sharedRoom: Promise<MockRoomServer> | undefined;

/**
 * The mock room server of this test process, started by the first file that asks and kept for the next
 * ones (a process runs its files one after another: `isolate: false`). Vite compiles the room's modules once
 * per server, so a server per file compiled and served them again each time (about 2 s of CPU a file).
 * Files never share a room: each play registers its scenario under a fresh id. It closes with the process.
 */
export function sharedMockRoomServer(): Promise<MockRoomServer> {
  sharedRoom ??= startMockRoomServer(0).catch((error: unknown) => {
    sharedRoom = undefined;
    throw error;
  });
  return sharedRoom;
}

export async function startHarness(): Promise<Harness> {
  const room = await sharedMockRoomServer();
  const browser = await launchWithExtension({ headless: true, extensionDebugging: true });
  sizedForABusyMachine(browser.context);
  return {
    browser,
    room,
    async openRoom(scenario, options = {}) {
      const page = await browser.context.newPage();
      const query = options.layout ? `?layout=${options.layout}` : '';
      await page.goto(`${room.url}${query}`);
      await page.waitForFunction(() => typeof window.mockRoom?.play === 'function');
      await page.evaluate(
        ([s, speed, speedChanges, fromSec]) => window.mockRoom.play(s, { speed, speedChanges, fromSec }),
        [scenario, options.speed ?? 1, options.speedChanges ?? [], options.fromSec ?? 0] as const,
      );
      return page;
    },
    async openPanel() {
      const page = await browser.context.newPage();
      await page.goto(browser.extensionUrl('sidepanel.html'));
      return page;
    },
    async openReader() {
      const page = await browser.context.newPage();
      await page.goto(browser.extensionUrl('options.html'));
      return page;
    },
    async close() {
      // The room server is the process's (sharedMockRoomServer): the next file uses it.
      await browser.close();
    },
  };
}

export interface StoredTables {
  sessions: SessionRow[];
  samples: SampleRow[];
  comments: CommentRow[];
  actions: ActionRow[];
  cues: CueRow[];
}

/**
 * Reads every table of the extension's database through an extension page (read-only, in one
 * transaction), as the pages themselves do. A string is evaluated so the bundler's helpers never leak into the page.
 */
export async function readStoredTables(page: Page): Promise<StoredTables> {
  return page.evaluate(`(async () => {
    const open = indexedDB.open('livecue');
    const db = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    // One transaction: a consistent snapshot (a session's counts agree with its rows while the worker writes).
    const tx = db.transaction(['sessions', 'samples', 'comments', 'actions', 'cues']);
    const all = (name) => new Promise((resolve, reject) => {
      const request = tx.objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const [sessions, samples, comments, actions, cues] = await Promise.all(['sessions', 'samples', 'comments', 'actions', 'cues'].map(all));
    const tables = { sessions, samples, comments, actions, cues };
    db.close();
    return tables;
  })()`);
}

/**
 * The cues table alone, read as readStoredTables reads it: what a poll on a cue's status needs, without
 * copying every sample and comment of the session out of the database on each try.
 */
export async function readStoredCues(page: Page): Promise<CueRow[]> {
  return page.evaluate(`(async () => {
    const open = indexedDB.open('livecue');
    const db = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const cues = await new Promise((resolve, reject) => {
      const request = db.transaction('cues').objectStore('cues').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return cues;
  })()`);
}

/** The stored settings as the background wrote them (the row's `value`), read through an extension page. */
export async function readStoredSettings(page: Page): Promise<Record<string, unknown> | undefined> {
  const row = (await page.evaluate(`(async () => {
    const open = indexedDB.open('livecue');
    const db = await new Promise((r) => { open.onsuccess = () => r(open.result); });
    const row = await new Promise((r) => { const q = db.transaction('settings').objectStore('settings').get('settings'); q.onsuccess = () => r(q.result); });
    db.close();
    return row;
  })()`)) as { value?: Record<string, unknown> } | undefined;
  return row?.value;
}

/** The export file shape (lib/store/exportSchema.ts) built from stored tables, as `npm run replay` reads it. */
export function exportFileOf(tables: StoredTables, sessionId: string) {
  const session = tables.sessions.find((s) => s.id === sessionId);
  if (!session) throw new Error(`No session ${sessionId}`);
  const of = <T extends { sessionId: string }>(rows: T[]) => rows.filter((r) => r.sessionId === sessionId);
  return {
    format: 'livecue-export',
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt: Date.now(),
    sessions: [
      {
        session,
        samples: of(tables.samples),
        comments: of(tables.comments),
        actions: of(tables.actions),
        cues: of(tables.cues),
      },
    ],
  };
}

export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results/screenshots');

/** Sends a command from an extension page exactly as the pages do. */
export function sendCommandFrom(
  page: Page,
  command: Record<string, unknown>,
): Promise<{ ok: boolean; error?: string; data?: unknown }> {
  return page.evaluate(
    (c) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<never> } } }
      ).chrome.runtime.sendMessage(c),
    command,
  );
}
