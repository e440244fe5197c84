import { mergeSettings, resetSettings, type Settings } from '../core/settings/settingsSchema';
import type { LivecueDb } from '../store/database';
import { readSettings } from '../store/readSettings';

// The background's view of the settings row: read once per worker life, written only here.

export class SettingsStore {
  private cached: Promise<Settings> | undefined;

  constructor(private readonly db: LivecueDb) {}

  get(): Promise<Settings> {
    this.cached ??= readSettings(this.db).then(({ settings }) => settings);
    return this.cached;
  }

  /** Merges a patch; a patch with an invalid field is refused whole, naming the field. */
  async update(patch: Record<string, unknown>): Promise<Settings> {
    const current = await this.get();
    const { settings, issues } = mergeSettings(current, patch);
    if (issues.length) {
      const first = issues[0]!;
      throw new Error(`Invalid setting ${first.path || '(root)'}: ${first.message}`);
    }
    await this.db.settings.put({ key: 'settings', value: settings });
    this.cached = Promise.resolve(settings);
    return settings;
  }

  async reset(section?: string): Promise<Settings> {
    const settings = resetSettings(await this.get(), section);
    await this.db.settings.put({ key: 'settings', value: settings });
    this.cached = Promise.resolve(settings);
    return settings;
  }
}
