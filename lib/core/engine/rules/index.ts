import type { RuleCommon, RuleDefinition } from '../ruleDefinition';
import type { RuleId } from '../types';
import { adBoost } from './adBoost';
import { adHold } from './adHold';
import { dataStale } from './dataStale';
import { engagementLow } from './engagementLow';
import { followCadence } from './followCadence';
import { giveawayCadence } from './giveawayCadence';
import { milestone } from './milestone';
import { planNext } from './planNext';
import { productDwell } from './productDwell';
import { productFading } from './productFading';
import { productHotUnpinned } from './productHotUnpinned';
import { questions } from './questions';
import { salesStall } from './salesStall';
import { stockLow } from './stockLow';
import { trafficDrop } from './trafficDrop';
import { trafficSurge } from './trafficSurge';
import { unpaidOrders } from './unpaidOrders';

// Every rule of DESIGN.md §4, in RULE_IDS order: id, parameter schema, default severity and priority.

export const RULES: readonly RuleDefinition<RuleCommon>[] = [
  trafficDrop,
  trafficSurge,
  salesStall,
  productDwell,
  adBoost,
  adHold,
  engagementLow,
  followCadence,
  giveawayCadence,
  planNext,
  milestone,
  dataStale,
  questions,
  stockLow,
  productFading,
  productHotUnpinned,
  unpaidOrders,
];

export const RULES_BY_ID = Object.fromEntries(RULES.map((rule) => [rule.id, rule])) as Record<
  RuleId,
  RuleDefinition<RuleCommon>
>;
