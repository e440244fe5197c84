import { builtOnFirstUse } from '../builtOnFirstUse';
import { defaultRuleSettings, ruleSettingsSchema } from '../engine/ruleSettings';
import { metricIdSchema } from '../metrics/metricIdSchema';
import type { SettingsIssue } from '../settingsIssue';
import { z } from '../zodMini';
import { DEFAULT_VIEW_SETTINGS, viewSettingsShape } from './viewSettings';

// The user's settings, stored as one row (key 'settings') and merged field by field so a bad or
// missing field falls back to its default instead of losing the rest.

/** No slot of a run-of-show lasts longer than a day. */
export const MAX_PLAN_MINUTES = 24 * 60;

// Built on first use (builtOnFirstUse.ts), with the rules' schemas inside: a restarted worker stores the sample it
// woke for before it reads the settings.
export const planSlotSchema = builtOnFirstUse(() =>
  z.object({
    productId: z.optional(z.string().check(z.maxLength(200))),
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    minutes: z.number().check(z.positive(), z.maximum(MAX_PLAN_MINUTES)),
  }),
);

/** site → metric → CSS selector picked by the user on that site's dashboard. */
export const bindingsSchema = builtOnFirstUse(() =>
  z.record(
    z.string().check(z.minLength(1), z.maxLength(64)),
    z.partialRecord(metricIdSchema, z.string().check(z.minLength(1), z.maxLength(1000))),
  ),
);

export const settingsSchema = builtOnFirstUse(() =>
  z.object({
    // locale, mode, sound, overlay: what the side panel reads on its own (viewSettings.ts).
    ...viewSettingsShape(),
    /** A system notification for an urgent cue while the side panel is closed (needs Chrome's permission). */
    notifyUrgent: z.boolean(),
    retentionDays: z.int().check(z.minimum(1), z.maximum(3650)),
    /** Exports write commenters as `viewer 1`, `viewer 2`… instead of their names. */
    exportHideUsers: z.boolean(),
    plan: z.array(planSlotSchema()).check(z.maxLength(200)),
    bindings: bindingsSchema(),
    rules: ruleSettingsSchema(),
  }),
);
export type Settings = z.infer<ReturnType<typeof settingsSchema>>;
export type SettingsPatch = { [K in keyof Settings]?: unknown };

export function defaultSettings(): Settings {
  return {
    ...DEFAULT_VIEW_SETTINGS,
    notifyUrgent: false,
    retentionDays: 90,
    exportHideUsers: false,
    plan: [],
    bindings: {},
    rules: defaultRuleSettings() as Settings['rules'],
  };
}

export interface ParsedSettings {
  settings: Settings;
  issues: SettingsIssue[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Objects merge key by key, arrays and scalars replace, and `null` in the patch removes the key
 * (how a page deletes one site binding without resending the rest).
 */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = deepMerge(base[key], value);
  }
  return merged;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * Where a bad field is repaired: its own path when it has a default, else the array item holding it
 * (a plan slot without a name is dropped whole), else the field itself (a bad binding is forgotten).
 */
function repairTarget(defaults: Settings, path: readonly PropertyKey[]): PropertyKey[] {
  if (valueAt(defaults, path) !== undefined) return [...path];
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'number') return path.slice(0, i + 1);
  }
  return [...path];
}

function repairAt(
  candidate: Record<string, unknown>,
  defaults: Settings,
  path: readonly PropertyKey[],
): void {
  if (path.length === 0) return;
  const parent = valueAt(candidate, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (parent === null || typeof parent !== 'object') return;
  const fallback = valueAt(defaults, path);
  if (fallback !== undefined) (parent as Record<PropertyKey, unknown>)[key] = structuredClone(fallback);
  else if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else delete (parent as Record<PropertyKey, unknown>)[key];
}

/** Parses anything into complete settings: defaults fill the gaps, and each bad field is reported and reset. */
export function parseSettings(input: unknown): ParsedSettings {
  const defaults = defaultSettings();
  const issues: SettingsIssue[] = [];
  const candidate = deepMerge(defaults, isPlainObject(input) ? structuredClone(input) : {}) as Record<
    string,
    unknown
  >;
  if (input !== undefined && input !== null && !isPlainObject(input)) {
    issues.push({ path: '', message: 'Settings were not an object' });
  }
  // Each pass repairs every reported field; nested repairs can uncover new issues, so allow a few passes.
  for (let pass = 0; pass < 8; pass++) {
    const result = settingsSchema().safeParse(candidate);
    if (result.success) return { settings: result.data, issues };
    // Later array indices first, so splicing one item does not shift the next one to repair.
    const targets = new Map<string, PropertyKey[]>();
    for (const issue of result.error.issues) {
      issues.push({ path: issue.path.map(String).join('.'), message: issue.message });
      // An unknown key is reported on its parent object: repair the key, not the whole object.
      const paths =
        issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
      for (const path of paths) {
        const target = repairTarget(defaults, path);
        targets.set(target.map(String).join('\u0000'), target);
      }
    }
    for (const target of [...targets.values()].sort(comparePathsDescending))
      repairAt(candidate, defaults, target);
  }
  return { settings: defaults, issues };
}

function comparePathsDescending(a: readonly PropertyKey[], b: readonly PropertyKey[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x === 'number' && typeof y === 'number' && x !== y) return y - x;
    if (x !== y) return String(x) < String(y) ? -1 : 1;
  }
  return b.length - a.length;
}

/** Applies a partial settings object (as sent by `settings.update`) and validates the result. */
export function mergeSettings(current: Settings, patch: unknown): ParsedSettings {
  return parseSettings(deepMerge(current, isPlainObject(patch) ? patch : {}));
}

/**
 * Resets one section (`'plan'`, `'rules'`, `'rules.traffic-drop'`, …) or, without one, everything
 * (the meaning of `settings.reset`).
 */
export function resetSettings(current: Settings, section?: string): Settings {
  const defaults = defaultSettings();
  if (!section) return defaults;
  const path = section.split('.');
  const fallback = valueAt(defaults, path);
  if (fallback === undefined) return current;
  const next = structuredClone(current) as Record<string, unknown>;
  let node: Record<string, unknown> = next;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    if (!isPlainObject(child)) return current;
    node = child;
  }
  node[path[path.length - 1]!] = structuredClone(fallback);
  return next as Settings;
}
