import { effect } from '@preact/signals';
import { render } from 'preact';
import { PanelApp } from '../../components/panel/PanelApp';
import './panel.css';
import { createPanelShell } from '../../lib/ui/panel/panelShell';
import type { PanelState, PanelStore } from '../../lib/ui/panel/panelStore';
import { sendCommand } from '../../lib/ui/sendCommand';

// Wiring only. The first render shows the first screen read early by panelFirstRead.js (sidepanel.html);
// the live store — Dexie, its live queries, the worker's push port — loads from its own chunk after it and
// renders over it. The marks time the first render in a trace.
performance.mark('livecue:panel-script');
const firstRead = window.__livecuePanelFirstRead;
const app = document.getElementById('app')!;
const shell = createPanelShell(firstRead);
const show = (state: PanelState) => render(<PanelApp state={state} send={sendCommand} />, app);
show(shell);
performance.mark('livecue:panel-rendered');

let store: PanelStore | undefined;
let sessionRead = false;
/** Marks when `state` first knows whether a room is read (the shell's early read or the store's query). */
const markSessionRead = (state: PanelState) => {
  const stop = effect(() => {
    if (!sessionRead && state.session.value === undefined) return;
    if (!sessionRead) performance.mark('livecue:panel-session-read');
    sessionRead = true;
    queueMicrotask(() => stop());
  });
};
markSessionRead(shell);
const loadLiveStore = () =>
  import('./livePanel').then(
    ({ startLivePanel }) => {
      store = startLivePanel(firstRead);
      markSessionRead(store);
      show(store);
      shell.dispose();
    },
    (error: unknown) => console.error('Livecue: the side panel could not load its live data', error),
  );
// Loading the store's chunks costs the page's thread work (their preload links, Dexie's evaluation): it starts
// once the early read is on screen — a task after it answered — or at once when there is none to wait for.
// A read that hangs (a database held by an upgrade) holds the store back 300 ms at most.
if (firstRead && !firstRead.settled) {
  const shown = new Promise((resolve) => {
    void firstRead.promise.then(() => setTimeout(resolve));
    setTimeout(resolve, 300);
  });
  void shown.then(loadLiveStore);
} else void loadLiveStore();
addEventListener('pagehide', () => {
  shell.dispose();
  store?.dispose();
});
