import { describe, expect, it } from 'vitest';
import { dataStaleParams } from '../../../../lib/core/engine/rules/dataStale';
import { DATA_STALE_DEFAULTS } from '../../../../lib/core/engine/rules/dataStaleThresholds';
import { parseSettings } from '../../../../lib/core/settings/settingsSchema';
import { DEFAULT_VIEW_SETTINGS, parseViewSettings } from '../../../../lib/core/settings/viewSettings';

describe('parseViewSettings', () => {
  it('gives the defaults for no row, a non-object or an empty object', () => {
    for (const input of [undefined, null, 'streamer', [], {}])
      expect(parseViewSettings(input)).toEqual(DEFAULT_VIEW_SETTINGS);
  });

  it('keeps each good field and resets only the bad ones, as the full reader does', () => {
    const stored = {
      locale: 'fr',
      mode: 'streamer',
      sound: 'yes',
      overlay: true,
      retentionDays: -3,
      rules: { 'traffic-drop': { dropPct: 2000 } },
    };
    const view = parseViewSettings(stored);
    expect(view).toEqual({ locale: 'auto', mode: 'streamer', sound: false, overlay: true });
    const { settings } = parseSettings(stored);
    expect(view).toEqual({
      locale: settings.locale,
      mode: settings.mode,
      sound: settings.sound,
      overlay: settings.overlay,
    });
  });

  it('returns only the view fields, never a key of the stored row it does not know', () => {
    expect(Object.keys(parseViewSettings({ locale: 'en', plan: [], injected: '<b>' })).sort()).toEqual([
      'locale',
      'mode',
      'overlay',
      'sound',
    ]);
  });
});

it('the panel greys tiles out by the data-stale rule’s own default thresholds', () => {
  const { enabled: _e, cooldownSec: _c, ttlSec: _t, ...thresholds } = dataStaleParams().parse({});
  expect(thresholds).toEqual(DATA_STALE_DEFAULTS);
});
