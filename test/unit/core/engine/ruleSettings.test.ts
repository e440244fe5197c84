import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { intIn, numberIn } from '../../../../lib/core/engine/ruleDefinition';
import {
  defaultRuleSettings,
  parseRuleSettings,
  ruleSettingsSchema,
} from '../../../../lib/core/engine/ruleSettings';
import { RULES } from '../../../../lib/core/engine/rules/index';
import { RULE_IDS } from '../../../../lib/core/engine/types';

describe('rule settings', () => {
  it('has one rule per id, each with a schema, severity and priority', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([...RULE_IDS]);
    expect(Object.keys(ruleSettingsSchema().shape).sort()).toEqual([...RULE_IDS, 'arbitration'].sort());
  });

  it('fills defaults from a partial object and keeps what was given', () => {
    const parsed = parseRuleSettings({ 'traffic-drop': { dropPct: 40 }, arbitration: { maxActive: 2 } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.settings['traffic-drop']).toMatchObject({ dropPct: 40, enabled: true, holdSec: 60 });
    expect(parsed.settings.arbitration.maxActive).toBe(2);
    expect(parsed.settings['giveaway-cadence'].intervalSec).toBe(900);
    expect(defaultRuleSettings()['product-dwell'].dwellSec).toBe(300);
  });

  it('reports the path of a bad field', () => {
    const parsed = parseRuleSettings({ 'sales-stall': { windowSec: 5 } });
    expect(parsed).toMatchObject({ ok: false, path: 'sales-stall.windowSec' });
  });

  it('bounds every numeric field, so the settings form can be generated (labels: uiMessages.test.ts)', () => {
    for (const rule of RULES) {
      const json = z.toJSONSchema(rule.paramsSchema(), { io: 'input' }) as {
        properties: Record<string, { type?: string; minimum?: number; maximum?: number }>;
      };
      for (const [key, field] of Object.entries(json.properties)) {
        if (field.type === 'number' || field.type === 'integer') {
          expect(field.minimum, `${rule.id}.${key}`).toBeTypeOf('number');
          expect(field.maximum, `${rule.id}.${key}`).toBeTypeOf('number');
        }
      }
    }
  });

  it('builds a bounded number once per bounds: fields share it and each keeps its own default and bounds', () => {
    expect(intIn(10, 7200)).toBe(intIn(10, 7200));
    expect(numberIn(0, 50)).toBe(numberIn(0, 50));
    expect(intIn(10, 600)).not.toBe(intIn(10, 7200));
    expect(intIn(0, 1)).not.toBe(numberIn(0, 1));
    const defaults = defaultRuleSettings();
    expect(defaults['traffic-drop'].cooldownSec).toBe(180);
    expect(defaults['traffic-drop'].cooldownSec).not.toBe(defaults['sales-stall'].cooldownSec);
    expect(parseRuleSettings({ 'traffic-drop': { cooldownSec: 5 } }).ok).toBe(false);
    expect(parseRuleSettings({ 'sales-stall': { cooldownSec: 7200.5 } }).ok).toBe(false);
    expect(parseRuleSettings({ 'sales-stall': { cooldownSec: 7200 } }).ok).toBe(true);
  });
});
