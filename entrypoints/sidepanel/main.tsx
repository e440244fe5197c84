import { render } from 'preact';
import { PanelApp } from '../../components/panel/PanelApp';
import { createPanelStore } from '../../lib/ui/panel/panelStore';
import '../../components/common/pageBase.css';
import './panel.css';
import { openLivecueDb } from '../../lib/store/database';
import { sendCommand } from '../../lib/ui/sendCommand';

// Wiring only: open the database, start the panel's live queries, render.
const store = createPanelStore(openLivecueDb(), sendCommand);
render(<PanelApp state={store} send={sendCommand} />, document.getElementById('app')!);
addEventListener('pagehide', () => store.dispose());
