import { render } from 'preact';
import { SessionsApp } from '../../components/sessions/SessionsApp';
import { openLivecueDb } from '../../lib/store/database';
import { sendCommand } from '../../lib/ui/sendCommand';
import { downloadFile } from '../../lib/ui/sessions/downloadFile';
import { createSessionsStore } from '../../lib/ui/sessions/sessionsStore';
import '../../components/common/pageBase.css';
import './sessions.css';

// Wiring only: read the database live, write through commands, download with `<a download>`.
const store = createSessionsStore(openLivecueDb(), {
  send: sendCommand,
  download: (file) => downloadFile(file),
});

const reviewUrl = (sessionId: string) =>
  `${browser.runtime.getURL('/review.html')}?session=${encodeURIComponent(sessionId)}`;

// Called straight from the click: an await before sidePanel.open would lose the user gesture. The page is a
// tab now (the toolbar button opens the panel itself), so it stays open beside the panel.
const openSidePanel = () => {
  browser.sidePanel
    .open({ windowId: browser.windows.WINDOW_ID_CURRENT })
    .catch((error: unknown) => console.warn('Livecue: could not open the side panel', error));
};

render(
  <SessionsApp store={store} reviewUrl={reviewUrl} openSidePanel={openSidePanel} />,
  document.getElementById('app')!,
);
addEventListener('pagehide', () => store.dispose());
