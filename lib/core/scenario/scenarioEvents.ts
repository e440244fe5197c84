import type { EngineEvent } from '../engine/types';
import { createScenarioPlayer } from './scenarioPlayer';
import type { Scenario } from './scenarioSchema';

// A scenario as the engine would see it live: a plan event at second 0 when the scenario has one, a sample
// per step, and a tick per step while the reader is silent (the background's alarm does the same); each
// comment just before the sample of the step that shows it (it rides on that sample, DESIGN.md §1).

export interface ScenarioRun {
  startedAt: number;
  events: EngineEvent[];
}

export function scenarioEvents(scenario: Scenario): ScenarioRun {
  const player = createScenarioPlayer(scenario);
  const events: EngineEvent[] = [];
  if (scenario.plan && scenario.plan.length > 0) {
    events.push({ kind: 'plan', ts: player.startTs, plan: scenario.plan });
  }
  const samples = player.samples()[Symbol.iterator]();
  const comments = player.comments();
  let c = 0;
  let next = samples.next();
  for (let i = 0; i < player.stepCount; i++) {
    const sec = i * scenario.stepSec;
    const ts = Math.round(player.startTs + sec * 1000);
    for (; c < comments.length && comments[c]!.sec <= sec; c++) {
      const { ts: at, user, text } = comments[c]!;
      events.push({ kind: 'comment', ts: at, user, text });
    }
    if (!next.done && next.value.sec === sec) {
      const step = next.value;
      events.push({
        kind: 'sample',
        ts,
        metrics: step.metrics,
        product: step.product,
        ...(step.ended && { ended: true }),
      });
      next = samples.next();
    } else {
      events.push({ kind: 'tick', ts });
    }
  }
  return { startedAt: player.startTs, events };
}
