import { describe, expect, it } from 'vitest';
import { z } from 'zod';
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
    expect(Object.keys(ruleSettingsSchema.shape).sort()).toEqual([...RULE_IDS, 'arbitration'].sort());
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
      const json = z.toJSONSchema(rule.paramsSchema, { io: 'input' }) as {
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
});
