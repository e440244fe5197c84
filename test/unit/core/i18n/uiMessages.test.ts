import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../../../components/options/RuleSettingsForm';
import { ruleSettingsSchema } from '../../../../lib/core/engine/ruleSettings';
import { RULE_IDS } from '../../../../lib/core/engine/types';
import { cueMessages } from '../../../../lib/core/i18n/cueMessages';
import { sessionsMessages } from '../../../../lib/core/i18n/sessionsMessages';
import { createTranslator } from '../../../../lib/core/i18n/translate';
import { uiMessages } from '../../../../lib/core/i18n/uiMessages';
import { METRIC_IDS } from '../../../../lib/core/metrics/metricCatalog';

describe('uiMessages', () => {
  const en: Record<string, string> = uiMessages.en;
  const zh: Record<string, string> = uiMessages['zh-CN'];

  it('labels every rule parameter in English and in Chinese', () => {
    const english = createTranslator('en', uiMessages);
    const chinese = createTranslator('zh-CN', uiMessages);
    const params = Object.entries(ruleSettingsSchema().shape).flatMap(([ruleId, schema]) =>
      Object.keys(schema._zod.def.innerType.shape).map((key) => ({ ruleId, key })),
    );
    expect(params.length).toBeGreaterThan(50);
    for (const { ruleId, key } of params) {
      const [en, zh] = [fieldLabel(english, ruleId, { key }), fieldLabel(chinese, ruleId, { key })];
      expect(en, `${ruleId}.${key}`).not.toBe(key);
      expect(zh, `${ruleId}.${key}`).not.toBe(key);
      expect(zh, `${ruleId}.${key}`).not.toBe(en);
    }
    expect(fieldLabel(english, 'traffic-drop', { key: 'cooldownSec' })).toBe(
      'Quiet time after a cue of this rule, seconds',
    );
    expect(fieldLabel(english, 'giveaway-cadence', { key: 'firstAfterSec' })).toBe(
      'First giveaway after the start, seconds',
    );
    expect(fieldLabel(english, 'follow-cadence', { key: 'firstAfterSec' })).toBe(
      'First reminder after the start, seconds',
    );
  });

  it('names every metric, rule, status and severity the pages show by key', () => {
    const families = [
      ...METRIC_IDS.map((id) => `metric.${id}`),
      ...RULE_IDS.map((id) => `rule.${id}`),
      ...['active', 'done', 'snoozed', 'dismissed', 'expired'].map((s) => `status.${s}`),
      ...['info', 'act', 'urgent'].map((s) => `severity.${s}`),
      ...['done', 'snooze', 'dismiss'].map((a) => `cue.action.${a}`),
      ...['durationMs', 'peakViewers', 'gmv', 'gpm', 'cuesActed'].map((f) => `figure.${f}`),
      ...['stuck', 'lost', 'frozen', 'silent'].map((kind) => `metrics.stale.${kind}`),
    ];
    expect(families.filter((key) => !(key in en) || !(key in zh))).toEqual([]);
  });
});

// Keys a page writes as t('…') are checked by the compiler against its catalog (lib/core/i18n/translate.ts);
// these check what only shows at run time: both languages present, with the same placeholders.
describe.each([
  ['the panel, settings and review pages', uiMessages],
  ['the sessions page', sessionsMessages],
  ['the cue texts', cueMessages],
])('the catalog of %s', (_name, catalog) => {
  const en: Record<string, string> = catalog.en;
  const zh: Record<string, string> = catalog['zh-CN'];

  it('has every English key in Chinese and no Chinese key missing in English, none blank', () => {
    expect(Object.keys(en).filter((key) => !(key in zh))).toEqual([]);
    expect(Object.keys(zh).filter((key) => !(key in en))).toEqual([]);
    expect(Object.entries({ ...en, ...zh }).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const mismatched = Object.keys(en).filter(
      (key) => JSON.stringify(placeholders(en[key]!)) !== JSON.stringify(placeholders(zh[key] ?? '')),
    );
    expect(mismatched).toEqual([]);
  });
});
