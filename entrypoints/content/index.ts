import { readsThisFrame } from '../../lib/room/frameRole';
import { handContext, ROOM_MODULE_FILE, roomModuleUrl } from '../../lib/room/roomModule';
import { E2E_MATCHES, PLATFORM_MATCHES } from '../../lib/room/sites/platformMatches';

// The loader. Matches only the platforms' live dashboards; the e2e build's manifest hook (wxt.config.ts)
// adds localhost for the mock room, and an operator can enable any other site at run time
// (lib/worker/setupSiteAccess.ts registers this same script for it). It runs in every frame; only the frame
// that reads the tab's one room (readsThisFrame) imports the room module (lib/room/roomModule.ts).
export default defineContentScript({
  matches: [...PLATFORM_MATCHES],
  runAt: 'document_idle',
  allFrames: true,
  matchAboutBlank: true,
  main(ctx) {
    const declared =
      import.meta.env.MODE === 'e2e' ? [...PLATFORM_MATCHES, ...E2E_MATCHES] : PLATFORM_MATCHES;
    if (!readsThisFrame(window, declared)) return;
    const url = roomModuleUrl(location.href, declared, browser.runtime.id, () =>
      browser.runtime.getURL(`/${ROOM_MODULE_FILE}`),
    );
    handContext(ctx);
    import(/* @vite-ignore */ url).catch((error: unknown) => {
      // Only when the extension went away under the page (reloaded, updated) or the build lost the file.
      console.warn('Livecue: the room reader did not load', error);
    });
  },
});
