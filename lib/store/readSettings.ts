import { type ParsedSettings, parseSettings } from '../core/settings/settingsSchema';
import type { LivecueDb } from './database';

/** The stored settings, complete and valid whatever the row holds (a missing row gives the defaults). */
export async function readSettings(db: Pick<LivecueDb, 'settings'>): Promise<ParsedSettings> {
  const row = await db.settings.get('settings');
  return parseSettings(row?.value);
}
