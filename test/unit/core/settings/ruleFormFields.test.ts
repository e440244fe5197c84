import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ruleSettingsSchema } from '../../../../lib/core/engine/ruleSettings';
import {
  ruleFormFields,
  ruleSchemasOf,
  validateRuleDraft,
} from '../../../../lib/core/settings/ruleFormFields';

const example = z.object({
  enabled: z.boolean().default(true),
  dropPct: z.number().min(5).max(90).default(30),
  ratio: z.number().min(0).max(0.9).default(0.5),
  windowSec: z.number().int().min(10).max(600).default(60),
  side: z.enum(['left', 'right']).default('left'),
  nested: z.object({ a: z.number() }).default({ a: 1 }),
});

describe('ruleFormFields', () => {
  it('turns a zod schema into inputs with bounds and defaults, skipping nested objects', () => {
    expect(ruleFormFields(example)).toEqual([
      { key: 'enabled', type: 'boolean', defaultValue: true },
      {
        key: 'dropPct',
        type: 'number',
        min: 5,
        max: 90,
        step: 0.1,
        defaultValue: 30,
      },
      { key: 'ratio', type: 'number', min: 0, max: 0.9, step: 0.01, defaultValue: 0.5 },
      {
        key: 'windowSec',
        type: 'number',
        min: 10,
        max: 600,
        step: 1,
        defaultValue: 60,
      },
      { key: 'side', type: 'enum', options: ['left', 'right'], defaultValue: 'left' },
    ]);
  });

  it('builds a form for every rule the engine declares', () => {
    const rules = ruleSchemasOf(ruleSettingsSchema());
    expect(rules.map(([id]) => id)).toContain('traffic-drop');
    for (const [, schema] of rules) {
      const fields = ruleFormFields(schema);
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) expect(field.key).not.toBe('');
    }
  });
});

describe('validateRuleDraft', () => {
  it('accepts a valid draft and fills defaults', () => {
    const result = validateRuleDraft(example, { dropPct: 40 });
    expect(result).toMatchObject({ ok: true, value: { dropPct: 40, enabled: true, windowSec: 60 } });
  });

  it('reports each bad field with its bound for an inline message', () => {
    const result = validateRuleDraft(example, { dropPct: 2, windowSec: 601 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.dropPct).toMatchObject({ code: 'too_small', minimum: 5 });
    expect(result.errors.windowSec).toMatchObject({ code: 'too_big', maximum: 600 });
  });
});
