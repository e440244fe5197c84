import { mergeSettings, resetSettings, type Settings } from '../core/settings/settingsSchema';
import type { LivecueDb } from '../store/database';
import { readSettings } from '../store/readSettings';

// The background's view of the settings row: read once per worker life, written only here, one change at
// a time. Whoever acts on a setting (the room broadcast, the run-of-show) subscribes to its changes.

export type SettingsSection = keyof Settings;

export interface SettingsChange {
  previous: Settings;
  next: Settings;
  /** The top-level sections whose value differs. */
  changed: ReadonlySet<SettingsSection>;
}

/** Structural equality of plain data (what settings hold): key order does not matter, array order does. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  const bRecord = b as Record<string, unknown>;
  return aKeys.every(
    (key) => Object.hasOwn(bRecord, key) && sameValue((a as Record<string, unknown>)[key], bRecord[key]),
  );
}

export function changedSections(previous: Settings, next: Settings): Set<SettingsSection> {
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)] as SettingsSection[]);
  return new Set([...keys].filter((key) => !sameValue(previous[key], next[key])));
}

export class SettingsStore {
  private cached: Promise<Settings> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(change: SettingsChange) => void>();

  constructor(private readonly db: LivecueDb) {}

  get(): Promise<Settings> {
    this.cached ??= readSettings(this.db).then(({ settings }) => settings);
    return this.cached;
  }

  /** Calls `listener` after each write that changed something; returns the unsubscribe. */
  onChange(listener: (change: SettingsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Merges a patch; a patch with an invalid field is refused whole, naming the field. */
  update(patch: Record<string, unknown>): Promise<Settings> {
    return this.write((current) => {
      const { settings, issues } = mergeSettings(current, patch);
      if (issues.length) {
        const first = issues[0]!;
        throw new Error(`Invalid setting ${first.path || '(root)'}: ${first.message}`);
      }
      return settings;
    });
  }

  reset(section?: string): Promise<Settings> {
    return this.write((current) => resetSettings(current, section));
  }

  /** Writes one change after the previous one landed, so two quick patches never undo each other. */
  private write(change: (current: Settings) => Settings): Promise<Settings> {
    const run = this.chain.then(async () => {
      const previous = await this.get();
      const next = change(previous);
      const changed = changedSections(previous, next);
      if (changed.size === 0) return previous;
      await this.db.settings.put({ key: 'settings', value: next });
      this.cached = Promise.resolve(next);
      for (const listener of this.listeners) {
        try {
          listener({ previous, next, changed });
        } catch (error) {
          console.error('Livecue: a settings listener failed', error);
        }
      }
      return next;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
