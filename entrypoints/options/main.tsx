import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import type { Settings } from '../../lib/core/settings/settingsSchema';
import { openLivecueDb } from '../../lib/store/database';
import { readSettings } from '../../lib/store/readSettings';
import { liveSignal } from '../../lib/ui/liveSignal';
import { sendCommand } from '../../lib/ui/sendCommand';
import '../../components/common/lightPage.css';
import './options.css';

// Wiring only: settings are read live from the database and written through commands.
const db = openLivecueDb();
const settings = liveSignal<Settings | undefined>(async () => (await readSettings(db)).settings, undefined);
render(<OptionsApp settings={settings.value} send={sendCommand} />, document.getElementById('app')!);
addEventListener('pagehide', () => settings.dispose());
