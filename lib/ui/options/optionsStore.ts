import type { ReadonlySignal } from '@preact/signals';
import type { Settings } from '../../core/settings/settingsSchema';
import type { LivecueDb } from '../../store/database';
import { readSettings } from '../../store/readSettings';
import { liveSignal } from '../liveSignal';

// What the settings page shows: the stored settings, read live (undefined while loading). It writes only
// through commands, like every page.

export interface OptionsStore {
  settings: ReadonlySignal<Settings | undefined>;
  dispose(): void;
}

export function createOptionsStore(db: LivecueDb): OptionsStore {
  const settings = liveSignal<Settings | undefined>(async () => (await readSettings(db)).settings, undefined);
  return { settings: settings.value, dispose: settings.dispose };
}
