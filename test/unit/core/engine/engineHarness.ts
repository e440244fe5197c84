import { createEngine, type EngineState } from '../../../../lib/core/engine/createEngine';
import { type Cue, type EngineEvent, RULE_IDS } from '../../../../lib/core/engine/types';

// Test support: folds events and keeps every cue as it finally stands, plus the change log.

export const T0 = Date.parse('2026-11-24T12:00:00Z');

export function fold(events: EngineEvent[], settings?: unknown, sessionId = 's1') {
  const engine = createEngine(settings);
  const state: EngineState = engine.init(sessionId, T0);
  const cues = new Map<string, Cue>();
  const log: Cue[] = [];
  for (const event of events) {
    for (const cue of engine.step(state, event)) {
      cues.set(cue.id, cue);
      log.push(cue);
    }
  }
  return { cues: [...cues.values()], log, state, engine };
}

/** One sample a second from `fromSec` to `toSec` with values from `at(sec)`. */
export function samples(
  fromSec: number,
  toSec: number,
  at: (sec: number) => Extract<EngineEvent, { kind: 'sample' }>['metrics'],
): EngineEvent[] {
  const events: EngineEvent[] = [];
  for (let sec = fromSec; sec <= toSec; sec++)
    events.push({ kind: 'sample', ts: T0 + sec * 1000, metrics: at(sec) });
  return events;
}

/** Only these rules on (every other rule disabled), with optional parameter overrides. */
export function only(
  rules: Record<string, Record<string, unknown>>,
  arbitration: Record<string, unknown> = {},
) {
  return {
    ...Object.fromEntries(RULE_IDS.map((id) => [id, { enabled: id in rules, ...(rules[id] ?? {}) }])),
    arbitration,
  };
}
