import { describe, expect, it } from 'vitest';
import { defaultRuleSettings } from '../../../../lib/core/engine/ruleSettings';
import {
  defaultSettings,
  mergeSettings,
  parseSettings,
  resetSettings,
} from '../../../../lib/core/settings/settingsSchema';
import { LivecueDb } from '../../../../lib/store/database';
import { readSettings } from '../../../../lib/store/readSettings';

describe('parseSettings', () => {
  it('gives complete defaults for nothing at all: overlay off, locale following the browser', () => {
    const { settings, issues } = parseSettings(undefined);
    expect(issues).toEqual([]);
    expect(settings).toEqual(defaultSettings());
    expect(settings.overlay).toBe(false);
    expect(settings.locale).toBe('auto');
    expect(settings.rules).toEqual(defaultRuleSettings());
  });

  it('keeps good fields, resets bad ones to their defaults and names each by path', () => {
    const { settings, issues } = parseSettings({
      mode: 'streamer',
      locale: 'fr',
      retentionDays: -3,
      rules: { 'traffic-drop': { dropPct: 2000, holdSec: 90 } },
    });
    expect(settings.mode).toBe('streamer');
    expect(settings.locale).toBe('auto');
    expect(settings.retentionDays).toBe(defaultSettings().retentionDays);
    expect(settings.rules['traffic-drop'].dropPct).toBe(defaultRuleSettings()['traffic-drop'].dropPct);
    expect(settings.rules['traffic-drop'].holdSec).toBe(90);
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'locale',
      'retentionDays',
      'rules.traffic-drop.dropPct',
    ]);
  });

  it('drops only the bad slots of a plan and the bad bindings', () => {
    const { settings, issues } = parseSettings({
      plan: [
        { name: 'Scarf', minutes: 5 },
        { name: '', minutes: 5 },
        { name: 'Gloves', minutes: -1 },
        { name: 'Hat', minutes: 4 },
      ],
      bindings: { douyin: { viewers: '.online', bogus: '.x' } },
    });
    expect(settings.plan.map((slot) => slot.name)).toEqual(['Scarf', 'Hat']);
    expect(settings.bindings).toEqual({ douyin: { viewers: '.online' } });
    expect(issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['plan.1.name', 'plan.2.minutes']),
    );
  });

  it('reports a value that is not an object and falls back to defaults', () => {
    const { settings, issues } = parseSettings('nonsense');
    expect(settings).toEqual(defaultSettings());
    expect(issues).toHaveLength(1);
  });
});

describe('mergeSettings', () => {
  it('merges nested objects field by field and replaces arrays', () => {
    const current = parseSettings({
      plan: [{ name: 'A', minutes: 5 }],
      bindings: { douyin: { viewers: '.a' } },
    }).settings;
    const { settings, issues } = mergeSettings(current, {
      plan: [{ name: 'B', minutes: 3 }],
      bindings: { douyin: { gmv: '.g' } },
      rules: { 'traffic-drop': { holdSec: 60 } },
    });
    expect(issues).toEqual([]);
    expect(settings.plan).toEqual([{ name: 'B', minutes: 3 }]);
    expect(settings.bindings).toEqual({ douyin: { viewers: '.a', gmv: '.g' } });
    expect(settings.rules['traffic-drop'].holdSec).toBe(60);
    expect(settings.rules['traffic-drop'].dropPct).toBe(current.rules['traffic-drop'].dropPct);
  });

  it('removes a key given as null (how the settings page forgets one binding)', () => {
    const current = parseSettings({ bindings: { douyin: { viewers: '.a', gmv: '.g' } } }).settings;
    const { settings } = mergeSettings(current, { bindings: { douyin: { viewers: null } } });
    expect(settings.bindings).toEqual({ douyin: { gmv: '.g' } });
  });

  it('reports a bad patch field so the caller can refuse it', () => {
    const { issues } = mergeSettings(defaultSettings(), { sound: 'loud' });
    expect(issues.map((issue) => issue.path)).toEqual(['sound']);
  });
});

describe('resetSettings', () => {
  const changed = parseSettings({
    mode: 'streamer',
    plan: [{ name: 'A', minutes: 5 }],
    rules: { 'traffic-drop': { holdSec: 60 }, 'sales-stall': { windowSec: 600 } },
  }).settings;

  it('resets one rule and leaves the others', () => {
    const reset = resetSettings(changed, 'rules.traffic-drop');
    expect(reset.rules['traffic-drop']).toEqual(defaultRuleSettings()['traffic-drop']);
    expect(reset.rules['sales-stall'].windowSec).toBe(600);
    expect(reset.mode).toBe('streamer');
    expect(changed.rules['traffic-drop'].holdSec).toBe(60);
  });

  it('resets a whole section, everything, and ignores an unknown section', () => {
    expect(resetSettings(changed, 'plan').plan).toEqual([]);
    expect(resetSettings(changed)).toEqual(defaultSettings());
    expect(resetSettings(changed, 'nothing.here')).toBe(changed);
  });
});

it('readSettings parses the stored row, defaults when there is none', async () => {
  const db = new LivecueDb(`settings-${Math.random()}`);
  expect((await readSettings(db)).settings).toEqual(defaultSettings());
  await db.settings.put({ key: 'settings', value: { mode: 'streamer', sound: true } });
  const { settings } = await readSettings(db);
  expect(settings.mode).toBe('streamer');
  expect(settings.sound).toBe(true);
  await db.delete();
});
