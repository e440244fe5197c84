import { builtOnFirstUse } from '../builtOnFirstUse';
import { defaultRuleSettings } from '../engine/ruleSettings';

// Rule settings from outside (an imported session's frozen settings) must say only what the rules know:
// the schemas drop an unknown key silently, and a typo (`dropPt`) or a rule of another build would then be
// stored as if the file had said nothing. Every rule field has a default, so the defaults list every key.

const known = builtOnFirstUse(
  () => defaultRuleSettings() as unknown as Record<string, Record<string, unknown>>,
);

/** The path of the first key no rule (or no field of its rule) knows, or undefined when every key is known. */
export function unknownRuleSettingsKey(value: Record<string, unknown>): string[] | undefined {
  for (const [rule, params] of Object.entries(value)) {
    const fields = known()[rule];
    if (!fields) return [rule];
    if (params === null || typeof params !== 'object' || Array.isArray(params)) continue;
    for (const key of Object.keys(params)) if (!(key in fields)) return [rule, key];
  }
  return undefined;
}
