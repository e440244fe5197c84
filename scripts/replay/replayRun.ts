import { createEngine } from '../../lib/core/engine/createEngine';
import type { Cue } from '../../lib/core/engine/types';
import type { ReplayRun } from './readRuns';

// Folds a run through the engine and keeps each cue as it finally stands, in firing order.

export function replayRun(run: ReplayRun, ruleSettings?: unknown): Cue[] {
  const engine = createEngine(ruleSettings ?? run.ruleSettings);
  const state = engine.init(run.sessionId, run.startedAt);
  const cues = new Map<string, Cue>();
  for (const event of run.events) {
    for (const cue of engine.step(state, event)) cues.set(cue.id, cue);
  }
  return [...cues.values()].sort((a, b) => a.firedAt - b.firedAt || (a.id < b.id ? -1 : 1));
}
