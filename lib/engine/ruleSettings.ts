import { z } from '../zodMini';
import { field, intIn } from './ruleDefinition';
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
// arbitration parameters. Every field has a default, a label (ruleDefinition.ts `field`) and bounds, so the settings
// page can build its forms from these schemas and a partial object fills in.

export const arbitrationParams = z.object({
  maxActive: field(intIn(1, 10), 3, 'Most cues active at once'),
  rateWindowSec: field(intIn(30, 3600), 300, 'Rate-limit window, seconds'),
  maxPerWindow: field(intIn(1, 100), 4, 'Most cues per window (urgent cues exempt)'),
  minGapSec: field(intIn(0, 600), 15, 'Least time between two cues (urgent exempt), seconds'),
  defaultSnoozeSec: field(intIn(10, 3600), 120, 'Snooze length when none is given, seconds'),
  outcomeWindowSec: field(intIn(30, 1800), 180, 'Outcome: minutes before vs after, seconds'),
});
export type ArbitrationParams = z.infer<typeof arbitrationParams>;

export const ruleSettingsSchema = z.object({
  'traffic-drop': z.prefault(trafficDropParams, {}),
  'traffic-surge': z.prefault(trafficSurgeParams, {}),
  'sales-stall': z.prefault(salesStallParams, {}),
  'product-dwell': z.prefault(productDwellParams, {}),
  'ad-boost': z.prefault(adBoostParams, {}),
  'ad-hold': z.prefault(adHoldParams, {}),
  'engagement-low': z.prefault(engagementLowParams, {}),
  'follow-cadence': z.prefault(followCadenceParams, {}),
  'giveaway-cadence': z.prefault(giveawayCadenceParams, {}),
  'plan-next': z.prefault(planNextParams, {}),
  milestone: z.prefault(milestoneParams, {}),
  'data-stale': z.prefault(dataStaleParams, {}),
  arbitration: z.prefault(arbitrationParams, {}),
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
