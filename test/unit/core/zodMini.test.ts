import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRecursiveSchema } from 'zod/v4/core';
import { ruleSettingsSchema } from '../../../lib/core/engine/ruleSettings';
import { trafficDropParams } from '../../../lib/core/engine/rules/trafficDrop';
import { commandSchema } from '../../../lib/core/messages/commands';
import { roomToBackgroundSchema } from '../../../lib/core/messages/portProtocol';
import { sampleSchema } from '../../../lib/core/messages/sample';
import { planSchema } from '../../../lib/core/settings/planEdits';
import { ruleFormFields, ruleSchemasOf, validateRuleDraft } from '../../../lib/core/settings/ruleFormFields';
import { settingsSchema } from '../../../lib/core/settings/settingsSchema';
import { z } from '../../../lib/core/zodMini';
import { exportFileSchema } from '../../../lib/store/exportSchema';

// The worker's schemas are zod/mini (DESIGN.md §6 background budget): classic zod must stay out of its
// import graph, and the mini schemas must read and report exactly as the classic ones did.

const ROOT = resolve(__dirname, '../../..');

/** Value imports (not `import type`) of a module, as written. */
function valueImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  const pattern = /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) if (!match[1]) specifiers.push(match[2]!);
  return specifiers;
}

function resolveLocal(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {}
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`);
}

/** Every package the background entrypoint reaches through value imports. */
function backgroundPackages(): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [resolve(ROOT, 'entrypoints/background.ts')];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of valueImports(file)) {
      if (specifier.startsWith('.')) queue.push(resolveLocal(file, specifier));
      else packages.add(specifier);
    }
  }
  return packages;
}

describe('zod in the background', () => {
  it('reaches zod only as zod/mini', () => {
    const zodImports = [...backgroundPackages()].filter((name) => name === 'zod' || name.startsWith('zod/'));
    expect(zodImports).toEqual(['zod/mini']);
  });

  it('builds mini schemas, none recursive (so they need no memoizer)', () => {
    const schemas = {
      commandSchema: commandSchema(),
      roomToBackgroundSchema,
      sampleSchema,
      settingsSchema: settingsSchema(),
      ruleSettingsSchema: ruleSettingsSchema(),
      planSchema: planSchema(),
      exportFileSchema: exportFileSchema(),
    };
    for (const [name, schema] of Object.entries(schemas)) {
      expect(schema, name).toBeInstanceOf(z.ZodMiniType);
      expect(isRecursiveSchema(schema), name).toBe(false);
    }
  });

  it('reports issues in English, as classic zod did', () => {
    const result = commandSchema().safeParse({ type: 'cue.snooze', cueId: 'c', snoozeSec: 5 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'too_small',
      path: ['snoozeSec'],
      message: 'Too small: expected number to be >=10',
    });
    const name = settingsSchema().safeParse({}).error?.issues[0];
    expect(name?.message).toBe('Invalid option: expected one of "auto"|"zh-CN"|"en"');
  });

  it("words the issues our schemas produce as zod's own English locale does", () => {
    const zodEnglish = z.locales.en().localeError;
    const cases: [z.core.$ZodType, unknown][] = [
      [z.number(), 'x'],
      [z.number(), Number.NaN],
      [z.number(), Number.POSITIVE_INFINITY],
      [z.int(), 1.5],
      [z.string(), null],
      [z.array(z.number()), {}],
      [z.object({ a: z.number() }), new Date(0)],
      [z.object({ a: z.number() }), undefined],
      [z.number().check(z.minimum(10)), 5],
      [z.number().check(z.maximum(10)), 11],
      [z.number().check(z.positive()), 0],
      [z.number().check(z.lt(3)), 3],
      [z.string().check(z.minLength(1)), ''],
      [z.string().check(z.maxLength(2)), 'abc'],
      [z.array(z.number()).check(z.minLength(1)), []],
      [z.array(z.number()).check(z.maxLength(1)), [1, 2]],
      [z.array(z.number()).check(z.length(1)), [1, 2]],
      [z.literal('livecue-export'), 'other'],
      [z.literal(1), 2],
      [z.enum(['auto', 'zh-CN', 'en']), 'fr'],
      [z.strictObject({ a: z.number() }), { a: 1, b: 2 }],
      [z.strictObject({ a: z.number() }), { a: 1, b: 2, c: 3 }],
      [z.union([z.string(), z.number()]), true],
      [
        z.discriminatedUnion('type', [
          z.object({ type: z.literal('a') }),
          z.object({ type: z.literal('b') }),
        ]),
        { type: 'c' },
      ],
      [z.iso.datetime(), 'yesterday'],
      [z.string().check(z.regex(/^a/)), 'b'],
      [z.record(z.enum(['a']), z.number()), { b: 1 }],
      [z.number().check(z.refine((n) => n > 0, 'must be positive')), -1],
      [z.number().check(z.refine((n) => n > 0)), -1],
      [commandSchema(), { type: 'cue.snooze', cueId: 'c', snoozeSec: 5.5 }],
      [settingsSchema(), { locale: 'en', retentionDays: 'x' }],
      [exportFileSchema(), { format: 'livecue-export', schemaVersion: 1, sessions: [{}] }],
    ];
    for (const [schema, input] of cases) {
      const ours = z.safeParse(schema, input).error?.issues;
      const theirs = z.safeParse(schema, input, { error: zodEnglish }).error?.issues;
      expect(ours?.length, JSON.stringify(input)).toBeGreaterThan(0);
      expect(ours, JSON.stringify(input)).toEqual(theirs);
    }
  });
});

describe('rule parameter schemas (zod/mini) in the settings form', () => {
  it('keeps bounds, steps and defaults', () => {
    const fields = ruleFormFields(trafficDropParams());
    expect(fields.slice(0, 4)).toEqual([
      { key: 'enabled', type: 'boolean', defaultValue: true },
      {
        key: 'cooldownSec',
        type: 'number',
        min: 10,
        max: 7200,
        step: 1,
        defaultValue: 180,
      },
      {
        key: 'ttlSec',
        type: 'number',
        min: 15,
        max: 3600,
        step: 1,
        defaultValue: 120,
      },
      {
        key: 'dropPct',
        type: 'number',
        min: 5,
        max: 90,
        step: 0.1,
        defaultValue: 20,
      },
    ]);
    expect(fields.map((field) => field.key)).toEqual(Object.keys(trafficDropParams().shape));
  });

  it('finds every rule and the arbitration block in the combined schema', () => {
    const ids = ruleSchemasOf(ruleSettingsSchema()).map(([id]) => id);
    expect(ids).toEqual(Object.keys(ruleSettingsSchema().shape));
    expect(ids).toContain('arbitration');
  });

  it('validates a draft with bounds and integer checks', () => {
    expect(validateRuleDraft(trafficDropParams(), { dropPct: 40 })).toMatchObject({
      ok: true,
      value: { dropPct: 40, holdSec: 60, enabled: true },
    });
    const result = validateRuleDraft(trafficDropParams(), { dropPct: 95, holdSec: 30.5, cooldownSec: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.dropPct).toMatchObject({ code: 'too_big', maximum: 90 });
    expect(result.errors.holdSec).toMatchObject({ code: 'invalid_type' });
    expect(result.errors.cooldownSec).toMatchObject({ code: 'invalid_type' });
  });
});

describe('zod in the extension', () => {
  it('never tries to compile a parser: MV3 forbids eval, and the try is a CSP violation at the worker start', () => {
    expect(z.config().jitless).toBe(true);
    expect(z.object({ a: z.number() }).parse({ a: 1 })).toEqual({ a: 1 });
  });
});
