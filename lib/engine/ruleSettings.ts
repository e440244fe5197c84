import { z } from 'zod';
import { adBoostParams } from './rules/adBoost';
import { adHoldParams } from './rules/adHold';
import { dataStaleParams } from './rules/dataStale';
import { engagementLowParams } from './rules/engagementLow';
import { followCadenceParams } from './rules/followCadence';
import { giveawayCadenceParams } from './rules/giveawayCadence';
import { milestoneParams } from './rules/milestone';
import { planNextParams } from './rules/planNext';
import { productDwellParams } from './rules/productDwell';
import { salesStallParams } from './rules/salesStall';
import { trafficDropParams } from './rules/trafficDrop';
import { trafficSurgeParams } from './rules/trafficSurge';

// The rule settings: one object per rule id (`{ enabled, cooldownSec, ttlSec, ...params }`) plus the
// arbitration parameters. Every field has a default, a `.describe()` label and bounds, so the settings
// page can build its forms from these schemas and a partial object fills in.

export const arbitrationParams = z.object({
  maxActive: z.number().int().min(1).max(10).default(3).describe('Most cues active at once'),
  rateWindowSec: z.number().int().min(30).max(3600).default(300).describe('Rate-limit window, seconds'),
  maxPerWindow: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(4)
    .describe('Most cues per window (urgent cues exempt)'),
  minGapSec: z
    .number()
    .int()
    .min(0)
    .max(600)
    .default(15)
    .describe('Least time between two cues (urgent exempt), seconds'),
  defaultSnoozeSec: z
    .number()
    .int()
    .min(10)
    .max(3600)
    .default(120)
    .describe('Snooze length when none is given, seconds'),
  outcomeWindowSec: z
    .number()
    .int()
    .min(30)
    .max(1800)
    .default(180)
    .describe('Outcome: minutes before vs after, seconds'),
});
export type ArbitrationParams = z.infer<typeof arbitrationParams>;

export const ruleSettingsSchema = z.object({
  'traffic-drop': trafficDropParams.prefault({}),
  'traffic-surge': trafficSurgeParams.prefault({}),
  'sales-stall': salesStallParams.prefault({}),
  'product-dwell': productDwellParams.prefault({}),
  'ad-boost': adBoostParams.prefault({}),
  'ad-hold': adHoldParams.prefault({}),
  'engagement-low': engagementLowParams.prefault({}),
  'follow-cadence': followCadenceParams.prefault({}),
  'giveaway-cadence': giveawayCadenceParams.prefault({}),
  'plan-next': planNextParams.prefault({}),
  milestone: milestoneParams.prefault({}),
  'data-stale': dataStaleParams.prefault({}),
  arbitration: arbitrationParams.prefault({}),
});

export type RuleSettings = z.infer<typeof ruleSettingsSchema>;

export function defaultRuleSettings(): RuleSettings {
  return ruleSettingsSchema.parse({});
}

export type ParsedRuleSettings =
  | { ok: true; settings: RuleSettings }
  | { ok: false; path: string; error: string };

/** Fills defaults; on a bad field reports its dotted path, e.g. `traffic-drop.dropPct: Too small…`. */
export function parseRuleSettings(input: unknown): ParsedRuleSettings {
  const result = ruleSettingsSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, settings: result.data };
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  return { ok: false, path, error: `${path || '(root)'}: ${issue.message}` };
}
