import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ROOM_PORT_NAME } from '../lib/core/messages/roomPortConstants';
import { createRoomLink } from '../lib/room/link/roomLink';
import { takeHandedContext } from '../lib/room/roomModule';
import { startRoomWatch } from '../lib/room/startRoomWatch';
import { createOverlayController } from './content/overlay';

// Thin wiring: reader → port, in the frame the loader (entrypoints/content/index.ts) chose to read the
// tab's room. The loader imports this as a module (lib/room/roomModule.ts says why), in the content
// script's world, and hands it its context, which stops both when the extension is reloaded or updated,
// or a newer copy starts.
export default defineUnlistedScript(() => {
  const ctx = takeHandedContext<ContentScriptContext>();
  if (!ctx) throw new Error('Livecue: the room module runs only when the content script imports it');
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
});
