import { ROOM_PORT_NAME } from '../../lib/core/messages/roomPortConstants';
import { readsThisFrame } from '../../lib/room/frameRole';
import { createRoomLink } from '../../lib/room/link/roomLink';
import { E2E_MATCHES, PLATFORM_MATCHES } from '../../lib/room/sites/platformMatches';
import { startRoomWatch } from '../../lib/room/startRoomWatch';
import { createOverlayController } from './overlay';

// Thin wiring: reader → port. Matches only the platforms' live dashboards; the e2e build's manifest
// hook (wxt.config.ts) adds localhost for the mock room, and an operator can enable any other site at run
// time (lib/worker/setupSiteAccess.ts registers this same script for it). It runs in every frame; the frame
// that reads the tab's one room is chosen by readsThisFrame.
export default defineContentScript({
  matches: [...PLATFORM_MATCHES],
  runAt: 'document_idle',
  allFrames: true,
  matchAboutBlank: true,
  main(ctx) {
    const patterns =
      import.meta.env.MODE === 'e2e' ? [...PLATFORM_MATCHES, ...E2E_MATCHES] : PLATFORM_MATCHES;
    if (!readsThisFrame(window, patterns)) return;
    const overlay = createOverlayController(ctx);
    const link = createRoomLink({
      connect: () => browser.runtime.connect({ name: ROOM_PORT_NAME }),
      onMessage: (message) => watch.handle(message),
      isContextValid: () => ctx.isValid,
    });
    const watch = startRoomWatch(document, link, import.meta.env.MODE === 'e2e', (message) =>
      overlay.handle(message),
    );
    ctx.addEventListener(window, 'wxt:locationchange', () => watch.restart());
    ctx.onInvalidated(() => {
      watch.stop();
      link.close();
      overlay.remove();
    });
  },
});
