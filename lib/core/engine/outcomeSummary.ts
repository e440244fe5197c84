import { type Cue, RULE_IDS, type RuleId } from './types';

// Per-rule effectiveness of a session: how often each rule fired, how the operator answered, and the mean
// lift of the cues whose outcome is known.

export interface RuleOutcomeSummary {
  ruleId: RuleId;
  fired: number;
  done: number;
  dismissed: number;
  /** Cues with a measured outcome. */
  measured: number;
  /** Mean of `outcome.lift` over the measured cues; null when none was measured. */
  meanLift: number | null;
}

/** One row per rule that fired, in RULE_IDS order. */
export function summariseOutcomes(cues: readonly Cue[]): RuleOutcomeSummary[] {
  const rows = new Map<RuleId, RuleOutcomeSummary & { liftSum: number }>();
  for (const cue of cues) {
    let row = rows.get(cue.ruleId);
    if (!row) {
      row = { ruleId: cue.ruleId, fired: 0, done: 0, dismissed: 0, measured: 0, meanLift: null, liftSum: 0 };
      rows.set(cue.ruleId, row);
    }
    row.fired++;
    if (cue.status === 'done') row.done++;
    if (cue.status === 'dismissed') row.dismissed++;
    if (cue.outcome && Number.isFinite(cue.outcome.lift)) {
      row.measured++;
      row.liftSum += cue.outcome.lift;
    }
  }
  return RULE_IDS.flatMap((ruleId) => {
    const row = rows.get(ruleId);
    if (!row) return [];
    const { liftSum, ...summary } = row;
    return [{ ...summary, meanLift: summary.measured > 0 ? liftSum / summary.measured : null }];
  });
}
