import { startPanelFirstRead } from '../lib/ui/panel/panelFirstRead';

// Loaded by sidepanel.html as a plain async script, apart from the panel's bundle: it starts the first
// screen's database read while that bundle is still loading, and leaves the answer for it on `window`.
export default defineUnlistedScript(() => {
  window.__livecuePanelFirstRead = startPanelFirstRead(indexedDB);
});
