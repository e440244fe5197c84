import { effect } from '@preact/signals';
import { render } from 'preact';
import { PanelApp } from '../../components/panel/PanelApp';
import { createPanelStore } from '../../lib/ui/panel/panelStore';
import '../../components/common/pageBase.css';
import './panel.css';
import { openLivecueDb } from '../../lib/store/database';
import { PANEL_PORT_NAME } from '../../lib/store/livePush';
import { sendCommand } from '../../lib/ui/sendCommand';

// Wiring only: open the database, start the panel's live queries and the worker's push port, render.
// The marks time the first render in a trace (scripts/bench/latency.ts reads them).
performance.mark('livecue:panel-script');
const store = createPanelStore(openLivecueDb(), sendCommand, {
  connectLive: () => browser.runtime.connect({ name: PANEL_PORT_NAME }),
  // Started by panelFirstRead.js before this bundle ran (sidepanel.html); absent if that script failed.
  firstRead: window.__livecuePanelFirstRead,
});
render(<PanelApp state={store} send={sendCommand} />, document.getElementById('app')!);
performance.mark('livecue:panel-rendered');
const stopMark = effect(() => {
  if (store.session.value === undefined) return;
  performance.mark('livecue:panel-session-read');
  queueMicrotask(() => stopMark());
});
addEventListener('pagehide', () => store.dispose());
