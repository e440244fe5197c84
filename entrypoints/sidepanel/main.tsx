import { render } from 'preact';
import { PanelApp } from '../../components/panel/PanelApp';
import { createPanelStore } from '../../components/panel/panelStore';
import './panel.css';
import { openLivecueDb } from '../../lib/db/database';
import { sendCommand } from '../../lib/messages/sendCommand';

// Wiring only: open the database, start the panel's live queries, render.
const store = createPanelStore(openLivecueDb(), sendCommand);
render(<PanelApp state={store} send={sendCommand} />, document.getElementById('app')!);
addEventListener('pagehide', () => store.dispose());
