import { openLivecueDb } from '../../lib/store/database';
import { PANEL_PORT_NAME } from '../../lib/store/livePush';
import type { PendingFirstRead } from '../../lib/ui/panel/panelFirstRead';
import { createPanelStore, type PanelStore } from '../../lib/ui/panel/panelStore';
import { sendCommand } from '../../lib/ui/sendCommand';

// The panel's live store, in its own chunk (Dexie is most of it): main.tsx loads it after the first render.

export function startLivePanel(firstRead: PendingFirstRead | undefined): PanelStore {
  return createPanelStore(openLivecueDb(), sendCommand, {
    connectLive: () => browser.runtime.connect({ name: PANEL_PORT_NAME }),
    firstRead,
  });
}
