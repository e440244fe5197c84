import { render } from 'preact';
import { liveSignal } from '../../components/common/liveSignal';
import { OptionsApp } from '../../components/options/OptionsApp';
import { openLivecueDb } from '../../lib/db/database';
import { sendCommand } from '../../lib/messages/sendCommand';
import { readSettings } from '../../lib/settings/readSettings';
import type { Settings } from '../../lib/settings/settingsSchema';
import '../../components/common/lightPage.css';
import './options.css';

// Wiring only: settings are read live from the database and written through commands.
const db = openLivecueDb();
const settings = liveSignal<Settings | undefined>(async () => (await readSettings(db)).settings, undefined);
render(<OptionsApp settings={settings.value} send={sendCommand} />, document.getElementById('app')!);
addEventListener('pagehide', () => settings.dispose());
