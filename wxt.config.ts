import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { E2E_MATCHES, PLATFORM_MATCHES } from './lib/room/sites/platformMatches';

// Production reads only the platforms' live dashboards. `--mode e2e` (output .output/chrome-mv3-e2e)
// also reads localhost so browser tests and `npm start` can drive the mock room.
const stub = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  vite: () => ({
    resolve: {
      alias: [
        // Size budgets (DESIGN.md §6): WXT's unused autoMount waiter out of the content script, and
        // Dexie's modern ES build (one bundle per context, so its duplicate-copy guard is not needed).
        { find: /^@1natsu\/wait-element(\/detectors)?$/, replacement: stub('./lib/room/noAutoMount.ts') },
        { find: /^dexie$/, replacement: stub('./node_modules/dexie/dist/modern/dexie.mjs') },
      ],
    },
  }),
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  manifest: ({ mode }) => {
    const matches = mode === 'e2e' ? [...PLATFORM_MATCHES, ...E2E_MATCHES] : [...PLATFORM_MATCHES];
    return {
      name: 'Livecue',
      description: 'Live-commerce co-pilot: reads your live room and cues the streamer when to act.',
      permissions: ['storage', 'unlimitedStorage', 'sidePanel', 'alarms', 'scripting'],
      host_permissions: matches,
      // An operator may enable Livecue on a dashboard no adapter knows (JD, Pinduoduo, a brand's own screen):
      // that one origin is asked for at run time, from a click in the panel (lib/worker/setupSiteAccess.ts).
      optional_host_permissions: ['https://*/*', 'http://*/*'],
      action: { default_title: 'Livecue' },
    };
  },
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'e2e') return;
      for (const script of manifest.content_scripts ?? []) {
        script.matches = [...new Set([...(script.matches ?? []), ...E2E_MATCHES])];
      }
    },
  },
});
