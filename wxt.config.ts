import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { manifestCommands } from './lib/core/shortcuts/shortcutCommands';
import { originPatterns, ROOM_MODULE_FILE } from './lib/room/roomModule';
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
      // Name, description and shortcut names come from public/_locales (zh_CN, en), as the stores expect.
      name: '__MSG_extName__',
      short_name: '__MSG_extShortName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      // `notifications` is asked for only when the user turns urgent-cue notifications on (settings page).
      // The e2e build holds it from the start: a headless browser cannot click Chrome's permission prompt.
      permissions: [
        'storage',
        'unlimitedStorage',
        'sidePanel',
        'alarms',
        'scripting',
        'contextMenus',
        ...(mode === 'e2e' ? ['notifications'] : []),
      ],
      ...(mode === 'e2e' ? {} : { optional_permissions: ['notifications'] }),
      host_permissions: matches,
      // An operator may enable Livecue on a dashboard no adapter knows (JD, Pinduoduo, a brand's own screen):
      // that one origin is asked for at run time, from a click in the panel (lib/worker/setupSiteAccess.ts).
      optional_host_permissions: ['https://*/*', 'http://*/*'],
      // The toolbar button opens the side panel (setupSidePanel), so it has no popup: the session history is
      // an unlisted page (entrypoints/sessions/), reached from the panel and the button's right-click menu.
      // WXT would make an entrypoint named `popup` the button's popup and take its title from the page.
      action: { default_title: '__MSG_actionTitle__' },
      // The room module the content script imports (lib/room/roomModule.ts): at its own URL on the declared
      // dashboards, elsewhere only by its per-session URL.
      web_accessible_resources: [
        { resources: [ROOM_MODULE_FILE], matches: originPatterns(matches) },
        { resources: [ROOM_MODULE_FILE], matches: ['<all_urls>'], use_dynamic_url: true },
      ],
      commands: manifestCommands(),
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
