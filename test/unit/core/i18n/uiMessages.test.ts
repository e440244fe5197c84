import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../../../components/options/RuleSettingsForm';
import { ruleSettingsSchema } from '../../../../lib/core/engine/ruleSettings';
import { RULE_IDS } from '../../../../lib/core/engine/types';
import { createTranslator } from '../../../../lib/core/i18n/translate';
import { uiMessages } from '../../../../lib/core/i18n/uiMessages';
import { METRIC_IDS } from '../../../../lib/core/metrics/metricCatalog';

const ROOT = join(import.meta.dirname, '../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Keys written literally as t('…') in the faces (dynamic ones are checked below by their families). */
function literalKeys(): Set<string> {
  const keys = new Set<string>();
  const files = ['components/panel', 'components/options', 'components/review', 'components/common'].flatMap(
    (dir) => sources(join(ROOT, dir)),
  );
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.-]+)'/g)) keys.add(match[1]!);
  }
  return keys;
}

describe('uiMessages', () => {
  const en = uiMessages.en;
  const zh = uiMessages['zh-CN'];

  it('has every English key in Chinese and no Chinese key missing in English', () => {
    expect(Object.keys(en).filter((key) => !(key in zh))).toEqual([]);
    expect(Object.keys(zh).filter((key) => !(key in en))).toEqual([]);
  });

  it('labels every rule parameter in English and in Chinese', () => {
    const english = createTranslator('en', uiMessages);
    const chinese = createTranslator('zh-CN', uiMessages);
    const params = Object.entries(ruleSettingsSchema.shape).flatMap(([ruleId, schema]) =>
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

  it('has every key the pages use literally', () => {
    const used = [...literalKeys()];
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((key) => !(key in en) || !(key in zh))).toEqual([]);
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

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const mismatched = Object.keys(en).filter(
      (key) => JSON.stringify(placeholders(en[key]!)) !== JSON.stringify(placeholders(zh[key] ?? '')),
    );
    expect(mismatched).toEqual([]);
  });
});
