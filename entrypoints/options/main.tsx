import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import { openLivecueDb } from '../../lib/store/database';
import { createOptionsStore } from '../../lib/ui/options/optionsStore';
import { sendCommand } from '../../lib/ui/sendCommand';
import '../../components/common/pageBase.css';
import '../../components/common/lightPage.css';
import './options.css';

// Wiring only: settings are read live from the database and written through commands.
const store = createOptionsStore(openLivecueDb());
render(<OptionsApp settings={store.settings} send={sendCommand} />, document.getElementById('app')!);
addEventListener('pagehide', () => store.dispose());
