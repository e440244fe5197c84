import { describe, expect, it } from 'vitest';
import { summariseOutcomes } from '../../../../lib/core/engine/outcomeSummary';
import type { Cue } from '../../../../lib/core/engine/types';

let next = 0;
const cue = (ruleId: Cue['ruleId'], status: Cue['status'], lift?: number): Cue => ({
  id: `s:${ruleId}:${next++}`,
  sessionId: 's',
  ruleId,
  firedAt: 0,
  severity: 'act',
  title: 't',
  detail: 'd',
  params: {},
  evidence: [],
  expiresAt: 1,
  status,
  ...(lift !== undefined && { outcome: { metric: 'viewers', before: 100, after: 100 * (1 + lift), lift } }),
});

describe('summariseOutcomes', () => {
  it('counts firings and answers per rule and averages the measured lifts', () => {
    const rows = summariseOutcomes([
      cue('sales-stall', 'done', 0.2),
      cue('traffic-drop', 'done', 0.1),
      cue('traffic-drop', 'done', 0.3),
      cue('traffic-drop', 'dismissed'),
      cue('traffic-drop', 'expired'),
    ]);
    expect(rows).toEqual([
      { ruleId: 'traffic-drop', fired: 4, done: 2, dismissed: 1, measured: 2, meanLift: 0.2 },
      { ruleId: 'sales-stall', fired: 1, done: 1, dismissed: 0, measured: 1, meanLift: 0.2 },
    ]);
  });

  it('gives a null mean lift when nothing was measured', () => {
    expect(summariseOutcomes([cue('milestone', 'expired')])[0]!.meanLift).toBeNull();
  });
});
