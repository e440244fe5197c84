import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ExtensionBrowser, ensureE2eBuild, launchWithExtension } from '../node/launchWithExtension';
import { type MockRoomServer, PROJECT_ROOT, startMockRoomServer } from '../node/mockRoomServer';

// How the benches start: the browser benches (cold start, latency) run the e2e extension beside the mock
// room; the size and big-page benches measure the production build. Written once, so every bench measures
// a build of the current sources the same way.

/** The production build the size and big-page benches measure. */
export const PRODUCTION_BUILD = join(PROJECT_ROOT, '.output/chrome-mv3');

/**
 * Builds the production extension when there is none, or every time when `rebuild` (the bundle sizes must
 * be of the current sources; set BENCH_REBUILD=0 to reuse one). Returns the bench's error line when the
 * build fails, else null.
 */
export function ensureProductionBuild(bench: string, options: { rebuild: boolean }): string | null {
  if (existsSync(join(PRODUCTION_BUILD, 'manifest.json')) && !options.rebuild) return null;
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  return build.status === 0 ? null : `${bench}: production build failed (run \`npm run build\` to see why)`;
}

export interface BrowserBench {
  browser: ExtensionBrowser;
  server: MockRoomServer;
  /** Closes the browser, then the room server. */
  close(): Promise<void>;
}

/**
 * A build in a fresh Chromium profile, and the mock room on a free port: the current e2e build (built first
 * if a source is newer), or the one in `extensionDir` (an older build copied aside, to compare).
 */
export async function startBrowserBench(extensionDir?: string): Promise<BrowserBench> {
  if (!extensionDir) ensureE2eBuild();
  const server = await startMockRoomServer(0);
  try {
    const browser = await launchWithExtension({ extensionDir });
    return {
      browser,
      server,
      async close() {
        await browser.close();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
