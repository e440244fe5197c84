import { builtOnFirstUse } from '../builtOnFirstUse';
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
import { productFadingParams } from './rules/productFading';
import { productHotUnpinnedParams } from './rules/productHotUnpinned';
import { questionsParams } from './rules/questions';
import { salesStallParams } from './rules/salesStall';
import { stockLowParams } from './rules/stockLow';
import { trafficDropParams } from './rules/trafficDrop';
import { trafficSurgeParams } from './rules/trafficSurge';
import { unpaidOrdersParams } from './rules/unpaidOrders';

// The rule settings: one object per rule id (`{ enabled, cooldownSec, ttlSec, ...params }`) plus the
// arbitration parameters. Every field has a default (ruleDefinition.ts `field`) and bounds, so the settings page
// can build its forms from these schemas (labels: `param.*` in lib/core/i18n/uiMessages.ts) and a partial object
// fills in.

// Built on first use, as each rule's (builtOnFirstUse.ts): the worker's first sample needs none of them.
export const arbitrationParams = builtOnFirstUse(() =>
  z.object({
    maxActive: field(intIn(1, 10), 3),
    rateWindowSec: field(intIn(30, 3600), 300),
    maxPerWindow: field(intIn(1, 100), 4),
    minGapSec: field(intIn(0, 600), 15),
    defaultSnoozeSec: field(intIn(10, 3600), 120),
    outcomeWindowSec: field(intIn(30, 1800), 180),
  }),
);
export type ArbitrationParams = z.infer<ReturnType<typeof arbitrationParams>>;

export const ruleSettingsSchema = builtOnFirstUse(() =>
  z.object({
    'traffic-drop': z.prefault(trafficDropParams(), {}),
    'traffic-surge': z.prefault(trafficSurgeParams(), {}),
    'sales-stall': z.prefault(salesStallParams(), {}),
    'product-dwell': z.prefault(productDwellParams(), {}),
    'ad-boost': z.prefault(adBoostParams(), {}),
    'ad-hold': z.prefault(adHoldParams(), {}),
    'engagement-low': z.prefault(engagementLowParams(), {}),
    'follow-cadence': z.prefault(followCadenceParams(), {}),
    'giveaway-cadence': z.prefault(giveawayCadenceParams(), {}),
    'plan-next': z.prefault(planNextParams(), {}),
    milestone: z.prefault(milestoneParams(), {}),
    'data-stale': z.prefault(dataStaleParams(), {}),
    questions: z.prefault(questionsParams(), {}),
    'stock-low': z.prefault(stockLowParams(), {}),
    'product-fading': z.prefault(productFadingParams(), {}),
    'product-hot-unpinned': z.prefault(productHotUnpinnedParams(), {}),
    'unpaid-orders': z.prefault(unpaidOrdersParams(), {}),
    arbitration: z.prefault(arbitrationParams(), {}),
  }),
);

export type RuleSettings = z.infer<ReturnType<typeof ruleSettingsSchema>>;

export function defaultRuleSettings(): RuleSettings {
  return ruleSettingsSchema().parse({});
}

export type ParsedRuleSettings =
  | { ok: true; settings: RuleSettings }
  | { ok: false; path: string; error: string };

/** Fills defaults; on a bad field reports its dotted path, e.g. `traffic-drop.dropPct: Too small…`. */
export function parseRuleSettings(input: unknown): ParsedRuleSettings {
  const result = ruleSettingsSchema().safeParse(input ?? {});
  if (result.success) return { ok: true, settings: result.data };
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  return { ok: false, path, error: `${path || '(root)'}: ${issue.message}` };
}
